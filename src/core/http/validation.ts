import {
  ArgumentMetadata,
  BadRequestException,
  PipeTransform,
  ValidationError,
  ValidationPipe,
  ValidationPipeOptions,
} from '@nestjs/common';
import { isUUID } from 'class-validator';
import { FieldProblem } from './error-body';
import { fieldPath, WHOLE_BODY } from './field-path';
import { inspectInput } from './input-inspection';

/** Thrown for invalid input; carries each bad field so the error body can name it. */
export class InputValidationException extends BadRequestException {
  constructor(readonly details: FieldProblem[]) {
    super(`Invalid input: ${details.map((d) => d.field).join(', ')}`);
  }
}

/** Problems of class-validator's own whose default text says too little or names the property in it. */
const PROBLEM_OF_CONSTRAINT: Record<string, string> = {
  whitelistValidation: 'is not a field of this request',
  nestedValidation: 'must be an object',
};

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const error of errors) {
    const named = error.property ? fieldPath(parent, error.property) : undefined;
    const field = named ?? (parent || WHOLE_BODY);
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
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
    if (error.children?.length && named) problems.push(...flattenValidationErrors(error.children, named));
  }
  return problems;
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
    const found = inspectInput(value, metadata.metatype, root);
    // The DTO's own checks run as well (the input is bounded and safe to build), so one answer names
    // every bad field; the inspection's problems come first.
    let validated: unknown;
    try {
      validated = await super.transform(value, metadata);
    } catch (error) {
      if (!(error instanceof InputValidationException) || found.length === 0) throw error;
      throw new InputValidationException(mergeProblems(found, error.details));
    }
    if (found.length > 0) throw new InputValidationException(found);
    return validated;
  }
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
