import {
  ArgumentMetadata,
  BadRequestException,
  PipeTransform,
  ValidationError,
  ValidationPipe,
  ValidationPipeOptions,
} from '@nestjs/common';
import { isUUID } from 'class-validator';
import { FieldProblem, MAX_PROBLEMS } from './error-body';
import { fieldPath, WHOLE_BODY, WHOLE_QUERY } from './field-path';
import { inspectInput } from './input-inspection';

/** Thrown for invalid input; carries the bad fields (the first MAX_PROBLEMS) so the error body can name them. */
export class InputValidationException extends BadRequestException {
  readonly details: FieldProblem[];

  constructor(details: FieldProblem[]) {
    const kept = details.slice(0, MAX_PROBLEMS);
    super(`Invalid input: ${kept.map((d) => d.field).join(', ')}`);
    this.details = kept;
  }
}

/** Problems of class-validator's own whose default text says too little or names the property in it. */
const PROBLEM_OF_CONSTRAINT: Record<string, string> = {
  whitelistValidation: 'is not a field of this request',
  nestedValidation: 'must be an object',
};

/** The problems of class-validator's errors, the first MAX_PROBLEMS of them, each naming its field. */
export function flattenValidationErrors(errors: ValidationError[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  flatten(errors, '', problems);
  return problems;
}

function flatten(errors: ValidationError[], parent: string, problems: FieldProblem[]): void {
  for (const error of errors) {
    if (problems.length >= MAX_PROBLEMS) return;
    const named = error.property ? fieldPath(parent, error.property) : undefined;
    const field = named ?? (parent || WHOLE_BODY);
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
      if (problems.length >= MAX_PROBLEMS) return;
      const own = PROBLEM_OF_CONSTRAINT[constraint];
      if (!named) {
        // A key that is not written out (it is input): say what is wrong with the object holding it.
        problems.push({
          field,
          problem: own ? 'holds a field that is not allowed' : 'holds a field that is not valid',
        });
        continue;
      }
      // class-validator messages start with the property name; keep only the problem.
      const problem =
        own ?? (message.startsWith(`${error.property} `) ? message.slice(error.property.length + 1) : message);
      problems.push({ field, problem });
    }
    if (error.children?.length && named) flatten(error.children, named, problems);
  }
}

/**
 * The one validation of every request: first the checks that hold for any input (input-inspection.ts:
 * control characters, nested objects that are objects), then the DTO's own decorators. Whitelist,
 * refuse unknown fields, transform to the DTO classes; errors name the field and never echo values.
 */
class InputValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'body' && metadata.type !== 'query' && metadata.type !== 'param') {
      return super.transform(value, metadata);
    }
    const root = metadata.type === 'param' ? (metadata.data ?? '') : '';
    const whole = metadata.type === 'query' ? WHOLE_QUERY : WHOLE_BODY;
    const found = inspectInput(value, metadata.metatype, root);
    // The DTO's own checks run as well (the input is bounded and safe to build), so one answer names
    // every bad field; the inspection's problems come first.
    let validated: unknown;
    try {
      validated = await super.transform(value, metadata);
    } catch (error) {
      if (!(error instanceof InputValidationException)) throw error;
      throw new InputValidationException(naming(whole, mergeProblems(found, error.details)));
    }
    if (found.length > 0) throw new InputValidationException(naming(whole, found));
    return validated;
  }
}

/** A query's problems name the query where a body's would name the body. */
function naming(whole: string, problems: FieldProblem[]): FieldProblem[] {
  if (whole === WHOLE_BODY) return problems;
  return problems.map((p) => (p.field === WHOLE_BODY ? { ...p, field: whole } : p));
}

function mergeProblems(first: FieldProblem[], then: FieldProblem[]): FieldProblem[] {
  const seen = new Set(first.map((p) => `${p.field}\u0000${p.problem}`));
  return [...first, ...then.filter((p) => !seen.has(`${p.field}\u0000${p.problem}`))];
}

const VALIDATION_OPTIONS: ValidationPipeOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  forbidUnknownValues: true,
  validationError: { target: false, value: false },
  exceptionFactory: (errors) => new InputValidationException(flattenValidationErrors(errors)),
};

export function createValidationPipe(): ValidationPipe {
  return new InputValidationPipe(VALIDATION_OPTIONS);
}

/** A UUID path parameter; a malformed one answers 400 naming the parameter. */
export class UuidParamPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (typeof value !== 'string' || !isUUID(value)) {
      throw new InputValidationException([{ field: metadata.data ?? 'id', problem: 'must be a UUID' }]);
    }
    return value.toLowerCase();
  }
}
