import { applyDecorators } from '@nestjs/common';
import { IsString, Length, Matches, ValidateBy, ValidationOptions } from 'class-validator';
import { isAcceptableText, isSingleLine, TEXT_PROBLEMS } from './text-rules';

/**
 * The two kinds of text a request carries. The validation pipe already refuses control characters in
 * every string of every request (text-rules.ts); these decorators add what each kind needs, and repeat
 * that check so a DTO validated anywhere else holds to it too.
 */

type EachOption = Pick<ValidationOptions, 'each'>;

const NOT_BLANK = /\S/;

const AcceptableText = (options: EachOption = {}): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isAcceptableText',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isAcceptableText(value),
        defaultMessage: () => `$property ${TEXT_PROBLEMS.control}`,
      },
    },
    options,
  );

/** No tab and no line break: for names, usernames, numbers and references. */
export const SingleLine = (options: EachOption = {}): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isSingleLine',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isSingleLine(value),
        defaultMessage: () => `$property ${TEXT_PROBLEMS.multiline}`,
      },
    },
    options,
  );

/** Free text of `min` to `max` characters, not blank; tabs and line breaks kept (a narrative, notes, a reason). */
export function FreeText(min: number, max: number, options: EachOption = {}): PropertyDecorator {
  return applyDecorators(
    IsString(options),
    Length(min, max, options),
    Matches(NOT_BLANK, { ...options, message: `$property ${TEXT_PROBLEMS.blank}` }),
    AcceptableText(options),
  );
}

/** One line of text of `min` to `max` characters, not blank: a name, a number, a reference. */
export function SingleLineText(min: number, max: number, options: EachOption = {}): PropertyDecorator {
  return applyDecorators(FreeText(min, max, options), SingleLine(options));
}
