import { ArgumentMetadata, BadRequestException, PipeTransform, ValidationError, ValidationPipe } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { FieldProblem } from './error-body';

/** Thrown for invalid input; carries each bad field so the error body can name it. */
export class InputValidationException extends BadRequestException {
  constructor(readonly details: FieldProblem[]) {
    super(`Invalid input: ${details.map((d) => d.field).join(', ')}`);
  }
}

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const error of errors) {
    const property = error.property || 'body';
    const field = parent ? `${parent}.${property}` : property;
    for (const message of Object.values(error.constraints ?? {})) {
      // class-validator messages start with the property name; keep only the problem.
      const problem = message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
      problems.push({ field, problem });
    }
    if (error.children?.length) problems.push(...flattenValidationErrors(error.children, field));
  }
  return problems;
}

/** Whitelist, refuse unknown fields, transform to the DTO classes; errors name the field and never echo values. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new InputValidationException(flattenValidationErrors(errors)),
  });
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
