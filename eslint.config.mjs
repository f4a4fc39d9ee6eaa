import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const MODULES = path.join(import.meta.dirname, 'src', 'modules');

/** The module a path lies in (`cases/case-records`, `assistance`), or undefined outside src/modules. */
function moduleOf(file) {
  const relative = path.relative(MODULES, file).split(path.sep);
  if (relative[0] === '..' || relative.length < 2) return undefined;
  return relative[0] === 'cases' ? (relative.length > 2 ? `cases/${relative[1]}` : undefined) : relative[0];
}

/**
 * A module is used from outside only through its public file, `index.ts`: what it exports is what
 * others may rely on, and a reader sees a module's surface in one place.
 */
const publicFileOnly = {
  meta: {
    type: 'problem',
    messages: {
      deep: "'{{spec}}' reaches inside module {{module}}: import from its public file ('{{index}}') instead.",
    },
  },
  create(context) {
    const file = context.filename;
    const here = moduleOf(file);
    const check = (node) => {
      const spec = node.source?.value;
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = path.resolve(path.dirname(file), spec);
      const there = moduleOf(target);
      if (!there || there === here) return;
      const root = path.join(MODULES, there);
      if (target === root || target === path.join(root, 'index')) return;
      let index = path.relative(path.dirname(file), root);
      if (!index.startsWith('.')) index = `./${index}`;
      context.report({ node: node.source, messageId: 'deep', data: { spec, module: there, index } });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Templates use the classic JSX transform with our own runtime (src/core/web/jsx.ts).
    languageOptions: { parserOptions: { projectService: false, jsxPragma: 'jsx', jsxFragmentName: 'Fragment' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // The layers run one way (docs/architecture.md#layers); src/layers.spec.ts fails on any cycle.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    plugins: { panoh: { rules: { 'public-file-only': publicFileOnly } } },
    rules: { 'panoh/public-file-only': 'error' },
  },
  {
    // The platform knows nothing of the business.
    files: ['src/core/**/*.ts', 'src/core/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/modules', '**/modules/**'],
              message: 'src/core is the platform: it never imports src/modules (docs/architecture.md#layers).',
            },
          ],
        },
      ],
    },
  },
  {
    // The pages' one script runs in the browser, as plain ES5 without a build step.
    files: ['src/**/assets/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: { window: 'readonly', document: 'readonly', navigator: 'readonly', Uint8Array: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', fetch: 'readonly', URLSearchParams: 'readonly', FormData: 'readonly' },
    },
  },
  {
    // The command line and the benchmark talk to a person at a terminal.
    files: ['src/cli/**', 'test/bench/**', 'test/screenshots/**', 'src/main.ts'],
    rules: { 'no-console': 'off' },
  },
);
