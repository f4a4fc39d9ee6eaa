import { FieldProblem, MAX_PROBLEMS } from './error-body';
import { fieldPath, WHOLE_BODY } from './field-path';
import { DtoClass, nestedInputOf } from './nested-input';
import { textProblem } from './text-rules';

/**
 * Names every object answers to through its prototype. class-validator looks a key up among a DTO's
 * declared fields on a plain object, where `hasOwnProperty` or `toString` is found — so such a key
 * passed for a declared field and reached the services (which list a DTO's keys for the audit);
 * class-transformer drops `__proto__` and `constructor` without a word. None is a field of any request.
 */
const PROTOTYPE_NAMES: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
  ...Object.getOwnPropertyNames(Object.prototype),
]);

/** Whether `key` is a name every object has through its prototype, and so never a field of a request. */
export function isPrototypeName(key: string): boolean {
  return PROTOTYPE_NAMES.has(key);
}

/**
 * The checks every request passes before its DTO is built, whatever the route: every string (of the
 * body, the query and the path, at any depth, object keys included) holds no control character and is
 * well-formed Unicode; no key is a name of Object.prototype (`__proto__`, `constructor`,
 * `hasOwnProperty`…), which JSON.parse and the query parser make own fields like any other; and where
 * the DTO declares a nested object (NestedObject, NestedObjects) the input holds a JSON object, not an
 * array or a scalar. Depth and width are bounded already by the body parser.
 *
 * `root` is the name of the value itself when it is one parameter (`id`), empty for a body or query.
 */
export function inspectInput(value: unknown, dto: DtoClass | undefined, root = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  visit(value, root, dto, problems);
  return problems.slice(0, MAX_PROBLEMS);
}

function visit(value: unknown, path: string, dto: DtoClass | undefined, problems: FieldProblem[]): void {
  if (problems.length >= MAX_PROBLEMS) return;
  if (typeof value === 'string') {
    const problem = textProblem(value);
    if (problem) problems.push({ field: path || WHOLE_BODY, problem });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((element, index) => visit(element, fieldPath(path, index) as string, undefined, problems));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) {
    if (problems.length >= MAX_PROBLEMS) return;
    const childPath = fieldPath(path, key);
    if (isPrototypeName(key)) {
      problems.push({ field: childPath ?? (path || WHOLE_BODY), problem: 'is not a field of this request' });
      continue;
    }
    if (childPath === undefined) {
      // The key is not written out; a control character in it is still refused.
      if (textProblem(key))
        problems.push({ field: path || WHOLE_BODY, problem: 'holds a field name with control characters' });
      continue;
    }
    const nested = dto && nestedInputOf(dto, key);
    if (!nested) visit(child, childPath, undefined, problems);
    else if (nested.each) visitObjects(child, childPath, nested.type(), problems);
    else visitObject(child, childPath, nested.type(), problems);
  }
}

/** One nested object; null and absence are the field's own decorators' to judge (optional or not). */
function visitObject(value: unknown, path: string, dto: DtoClass, problems: FieldProblem[]): void {
  if (value === null || value === undefined) return;
  if (typeof value !== 'object' || Array.isArray(value)) {
    problems.push({ field: path, problem: 'must be an object' });
    return;
  }
  visit(value, path, dto, problems);
}

/** An array of nested objects, each named by its position; something else than an array is IsArray's to refuse. */
function visitObjects(value: unknown, path: string, dto: DtoClass, problems: FieldProblem[]): void {
  if (!Array.isArray(value)) {
    visit(value, path, undefined, problems);
    return;
  }
  value.forEach((element, index) => {
    const elementPath = fieldPath(path, index) as string;
    if (element === null || typeof element !== 'object' || Array.isArray(element)) {
      if (problems.length < MAX_PROBLEMS) problems.push({ field: elementPath, problem: 'must be an object' });
    } else {
      visit(element, elementPath, dto, problems);
    }
  });
}
