import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
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
    const field = parent ? `${parent}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) {
      // class-validator messages start with the property name; keep only the problem.
      const problem = message.startsWith(`${error.property} `) ? message.slice(error.property.length + 1) : message;
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
