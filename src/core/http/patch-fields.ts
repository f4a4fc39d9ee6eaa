import { IsOptional, ValidateIf } from 'class-validator';

/** Null clears an optional field in a PATCH; absent leaves it. */
export const OptionalNullable = (): PropertyDecorator => IsOptional();
/** Absent leaves a required field in a PATCH; null is refused. */
export const OptionalNotNull = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);
