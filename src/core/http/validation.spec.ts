import { ValidationError } from 'class-validator';
import { flattenValidationErrors } from './validation';

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
});
