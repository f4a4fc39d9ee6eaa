import { FieldProblem } from './error-body';
import { fieldPath, WHOLE_BODY } from './field-path';
import { DtoClass, nestedInputOf } from './nested-input';
import { textProblem } from './text-rules';

/** Enough to tell a client what to fix; a body of 100,000 bad strings does not get 100,000 problems back. */
const MAX_PROBLEMS = 20;

/**
 * The checks every request passes before its DTO is built, whatever the route: every string (of the
 * body, the query and the path, at any depth, object keys included) holds no control character and is
 * well-formed Unicode; and where the DTO declares a nested object (NestedObject, NestedObjects) the
 * input holds a JSON object, not an array or a scalar. Depth is bounded already by the body parser.
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
    const childPath = fieldPath(path, key);
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
