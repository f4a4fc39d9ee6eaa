import { ArgumentMetadata } from '@nestjs/common';
import * as classTransformer from 'class-transformer';
import { IsOptional, ValidationError } from 'class-validator';
import { FreeText } from './text-validation';
import { createValidationPipe, flattenValidationErrors, InputValidationException } from './validation';

const error = (property: string, constraints?: Record<string, string>, children: ValidationError[] = []) =>
  Object.assign(new ValidationError(), { property, constraints, children });

describe('the field names of validation problems', () => {
  it('writes positions in brackets and nested fields with dots', () => {
    const problems = flattenValidationErrors([
      error('events', undefined, [error('1', undefined, [error('type', { isIn: 'type must be one of …' })])]),
    ]);
    expect(problems).toEqual([{ field: 'events[1].type', problem: 'must be one of …' }]);
  });

  it('names an unknown field that is a field name, without quoting it in the problem', () => {
    expect(
      flattenValidationErrors([error('isAdmin', { whitelistValidation: 'property isAdmin should not exist' })]),
    ).toEqual([{ field: 'isAdmin', problem: 'is not a field of this request' }]);
  });

  it('never writes out an unknown key that is not a field name', () => {
    const problems = flattenValidationErrors([
      error('person', undefined, [
        error('Zarina Karimova, Lenin 12', {
          whitelistValidation: 'property Zarina Karimova, Lenin 12 should not exist',
        }),
      ]),
    ]);
    expect(problems).toEqual([{ field: 'person', problem: 'holds a field that is not allowed' }]);
  });

  it('answers at most 20 problems, however many fields are bad', () => {
    const unknown = Array.from({ length: 5_000 }, (_, i) =>
      error(`k${i}`, { whitelistValidation: `property k${i} should not exist` }),
    );
    const nested = [error('person', undefined, unknown)];
    expect(flattenValidationErrors(unknown)).toHaveLength(20);
    expect(flattenValidationErrors(nested)).toHaveLength(20);
    const thrown = new InputValidationException(Array.from({ length: 5_000 }, () => ({ field: 'k', problem: 'p' })));
    expect(thrown.details).toHaveLength(20);
    expect(thrown.message.length).toBeLessThan(200);
  });
});

class Note {
  @IsOptional() @FreeText(1, 100) text?: string;
}

describe('the validation of every request', () => {
  const pipe = createValidationPipe();
  const body: ArgumentMetadata = { type: 'body', metatype: Note };
  const query: ArgumentMetadata = { type: 'query', metatype: Note };
  const refusal = async (value: unknown, metadata: ArgumentMetadata) => {
    const thrown = await pipe.transform(value, metadata).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(InputValidationException);
    return (thrown as InputValidationException).details;
  };

  it('refuses a field named after Object.prototype, own field or not, in a body and in a query', async () => {
    for (const text of ['{"__proto__":{"text":"x"}}', '{"constructor":1}', '{"hasOwnProperty":1,"text":"x"}']) {
      const field = Object.keys(JSON.parse(text) as object)[0];
      expect(await refusal(JSON.parse(text), body)).toContainEqual({
        field,
        problem: 'is not a field of this request',
      });
    }
    expect(await refusal({ toString: '1' }, query)).toEqual([
      { field: 'toString', problem: 'is not a field of this request' },
    ]);
  });

  it('names the query where a body would be named', async () => {
    expect(await refusal({ 'stage[a]': '1' }, query)).toEqual([
      { field: 'query', problem: 'holds a field that is not allowed' },
    ]);
    expect(await refusal({ 'stage[a]': '1' }, body)).toEqual([
      { field: 'body', problem: 'holds a field that is not allowed' },
    ]);
  });

  it('builds and validates the DTO of good input', async () => {
    const build = jest.spyOn(classTransformer, 'plainToInstance');
    try {
      await expect(pipe.transform({ text: 'fine' }, body)).resolves.toEqual({ text: 'fine' });
      expect(build).toHaveBeenCalled();
    } finally {
      build.mockRestore();
    }
  });
});
