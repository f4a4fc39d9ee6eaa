import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

/**
 * The layers run one way. A unit is a folder with one job: each folder of `src/core`, each module of
 * `src/modules` (those of `cases` one by one), the command line, and the root files that compose the
 * application. Lint keeps each import in its lane (eslint.config.mjs); this walks every import of
 * `src` and fails on any cycle between units, which no per-file rule can see.
 */
const SRC = __dirname;

function unitOf(file: string): string {
  const relative = path.relative(SRC, file).split(path.sep);
  if (relative[0] === 'core' && relative.length > 2) return `core/${relative[1]}`;
  if (relative[0] === 'modules' && relative[1] === 'cases' && relative.length > 3)
    return `modules/cases/${relative[2]}`;
  if (relative[0] === 'modules' && relative.length > 2) return `modules/${relative[1]}`;
  if (relative[0] === 'cli') return 'cli';
  return '(root)';
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.spec\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

function resolve(from: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(from), specifier);
  return [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')].find((candidate) => fs.existsSync(candidate));
}

/** unit → unit → one import that makes the edge, for the failure message. */
function unitGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of sourceFiles(SRC)) {
    const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const target = resolve(file, fileName);
      if (!target) continue;
      const [from, to] = [unitOf(file), unitOf(target)];
      if (from === to) continue;
      if (!graph.has(from)) graph.set(from, new Map());
      const edges = graph.get(from) as Map<string, string>;
      if (!edges.has(to)) edges.set(to, `${path.relative(SRC, file)} imports ${fileName}`);
    }
  }
  return graph;
}

/** Every cycle's units, as strongly connected components of more than one unit (Tarjan). */
function cycles(graph: Map<string, Map<string, string>>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (unit: string): void => {
    index.set(unit, next);
    low.set(unit, next++);
    stack.push(unit);
    for (const to of graph.get(unit)?.keys() ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(unit, Math.min(low.get(unit) as number, low.get(to) as number));
      } else if (stack.includes(to)) {
        low.set(unit, Math.min(low.get(unit) as number, index.get(to) as number));
      }
    }
    if (low.get(unit) === index.get(unit)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop() as string;
        component.push(member);
      } while (member !== unit);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const unit of graph.keys()) if (!index.has(unit)) visit(unit);
  return found;
}

describe('the layers of src', () => {
  const graph = unitGraph();

  it('has no cycle between folders', () => {
    const described = cycles(graph).map((component) =>
      component
        .flatMap((from) =>
          component
            .filter((to) => graph.get(from)?.has(to))
            .map((to) => `${from} → ${to} (${graph.get(from)?.get(to)})`),
        )
        .join('\n'),
    );
    expect(described).toEqual([]);
  });

  it('keeps the platform free of the business: nothing in core imports a module or the root', () => {
    const upward = [...graph.entries()]
      .filter(([from]) => from.startsWith('core/'))
      .flatMap(([, edges]) => [...edges.entries()].filter(([to]) => !to.startsWith('core/')).map(([, why]) => why));
    expect(upward).toEqual([]);
  });

  it('finds the imports it checks (a guard against a walk that silently sees nothing)', () => {
    expect(graph.get('modules/assistance')?.has('modules/cases/case-records')).toBe(true);
    expect(graph.get('(root)')?.has('core/database')).toBe(true);
  });
});
