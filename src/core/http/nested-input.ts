import 'reflect-metadata';
import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, ValidateNested } from 'class-validator';

/** A DTO class, as the decorators below name it. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type DtoClass = Function;

export interface NestedInput {
  type: () => DtoClass;
  /** An array of such objects, rather than one. */
  each: boolean;
}

const NESTED_INPUT = Symbol('panoh:nested-input');

/**
 * A field holding an object of another DTO. Declared through here rather than with ValidateNested
 * alone, which lets an array through where the object belongs (`person: [[]]` passed validation and
 * failed in the service): the validation pipe reads this declaration and refuses anything but a JSON
 * object there, naming the field, before the DTO is built.
 */
export function NestedObject(type: () => DtoClass): PropertyDecorator {
  return applyDecorators(declare({ type, each: false }), ValidateNested(), Type(type as () => new () => object));
}

/** A field holding an array of at most `max` objects of another DTO; an element that is not an object is named by its position. */
export function NestedObjects(type: () => DtoClass, max: number): PropertyDecorator {
  return applyDecorators(
    declare({ type, each: true }),
    IsArray(),
    ArrayMaxSize(max),
    ValidateNested({ each: true }),
    Type(type as () => new () => object),
  );
}

function declare(nested: NestedInput): PropertyDecorator {
  return (target: object, property: string | symbol) => Reflect.defineMetadata(NESTED_INPUT, nested, target, property);
}

/** What `dto` declares `property` to hold, if it is a nested DTO (inherited declarations included). */
export function nestedInputOf(dto: DtoClass, property: string): NestedInput | undefined {
  const prototype = (dto as { prototype?: object }).prototype;
  if (!prototype) return undefined;
  return Reflect.getMetadata(NESTED_INPUT, prototype, property) as NestedInput | undefined;
}
