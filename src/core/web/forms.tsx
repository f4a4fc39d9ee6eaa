import { plainToInstance } from 'class-transformer';
import { createValidationPipe, InputValidationException } from '../http/validation';
import { FieldProblem } from '../http/error-body';
import { Child, Fragment, Html, jsx } from './jsx';
import { common, CommonMessage } from './messages';
import type { PageContext } from './page';

void Fragment;

/** A form's body as the browser sends it: names to text, a repeated name to a list. */
export type FormBody = Record<string, string | string[] | undefined>;

/** What was typed, to show again when the server refuses the form. */
export type FormValues = Record<string, string | string[] | undefined>;

/** Each field's problem, in the person's language, by the field's name in the form. */
export type FormErrors = Record<string, string>;

export function text(body: FormBody, name: string): string | undefined {
  const value = body[name];
  const one = Array.isArray(value) ? value[0] : value;
  const trimmed = one?.trim();
  return trimmed ? trimmed : undefined;
}

export function list(body: FormBody, name: string): string[] {
  const value = body[name];
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((v) => v.trim()).filter(Boolean);
}

/** The catalogue's words for a problem the validation named (its text is English, for the API). */
export function problemMessage(problem: string): CommonMessage {
  // class-validator's Length says "longer than or equal to 1 characters" of an empty field.
  if (/should not be empty|must be defined|is required|must not be blank|longer than or equal to 1 characters/.test(problem))
    return 'field_required';
  if (/shorter than|at most|longer than|too long/.test(problem)) return 'field_too_long';
  if (/YYYY-MM-DD|date|day/.test(problem)) return 'field_not_a_day';
  if (/one of|must be an? (?:valid )?(?:code|enum)|is not a code/.test(problem)) return 'field_not_a_choice';
  if (/integer|number/.test(problem)) return 'field_not_a_number';
  return 'field_invalid';
}

/**
 * Checks a form, turned into the API's request object, with the very validation the API runs; the
 * problems come back by the form's field names (`fieldOf` maps an API path such as `person.familyName`
 * to a form field), in the person's language.
 */
export async function validateAs<T extends object>(
  type: new () => T,
  plain: object,
  language: PageContext['language'],
  fieldOf: (path: string) => string = (path) => path,
): Promise<{ value: T } | { errors: FormErrors }> {
  try {
    const value = (await createValidationPipe().transform(plain, { type: 'body', metatype: type, data: '' })) as T;
    return { value: value instanceof type ? value : plainToInstance(type, value) };
  } catch (error) {
    if (!(error instanceof InputValidationException)) throw error;
    return { errors: errorsOf(error.details, language, fieldOf) };
  }
}

export function errorsOf(
  problems: readonly FieldProblem[],
  language: PageContext['language'],
  fieldOf: (path: string) => string = (path) => path,
): FormErrors {
  const t = common.in(language);
  const errors: FormErrors = {};
  for (const { field, problem } of problems) {
    const name = fieldOf(field);
    errors[name] ??= t(problemMessage(problem));
  }
  return errors;
}

interface FieldProps {
  name: string;
  label: string;
  values?: FormValues;
  errors?: FormErrors;
  required?: boolean;
  hint?: string;
  /** Identifying fields: the browser must neither remember nor offer what was typed. */
  identifying?: boolean;
}

function idOf(name: string): string {
  return `f-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
}

function valueOf(values: FormValues | undefined, name: string): string | undefined {
  const value = values?.[name];
  return Array.isArray(value) ? value[0] : value;
}

function FieldFrame(props: FieldProps & { children?: Child }): Html {
  const id = idOf(props.name);
  const error = props.errors?.[props.name];
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>
        {props.label}
        {props.required ? <span class="required"> *</span> : null}
      </label>
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {error ? (
        <p class="error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      {props.children}
    </div>
  );
}

function described(props: FieldProps): string | undefined {
  const id = idOf(props.name);
  const ids = [props.hint ? `${id}-hint` : '', props.errors?.[props.name] ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export function TextField(
  props: FieldProps & { type?: 'text' | 'password' | 'date' | 'number' | 'tel'; maxlength?: number; inputmode?: 'numeric' },
): Html {
  return (
    <FieldFrame {...props}>
      <input
        id={idOf(props.name)}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.type === 'password' ? undefined : valueOf(props.values, props.name)}
        required={props.required}
        maxlength={props.maxlength}
        inputmode={props.inputmode}
        autocomplete={props.identifying || props.type === 'password' ? 'off' : undefined}
        spellcheck={props.identifying ? 'false' : undefined}
        aria-invalid={props.errors?.[props.name] ? 'true' : undefined}
        aria-describedby={described(props)}
      />
    </FieldFrame>
  );
}

export function TextArea(props: FieldProps & { rows?: number; maxlength?: number }): Html {
  return (
    <FieldFrame {...props}>
      <textarea
        id={idOf(props.name)}
        name={props.name}
        rows={props.rows ?? 4}
        maxlength={props.maxlength}
        required={props.required}
        autocomplete={props.identifying ? 'off' : undefined}
        spellcheck={props.identifying ? 'false' : undefined}
        aria-invalid={props.errors?.[props.name] ? 'true' : undefined}
        aria-describedby={described(props)}
      >
        {valueOf(props.values, props.name) ?? ''}
      </textarea>
    </FieldFrame>
  );
}

export interface Choice {
  value: string;
  label: string;
}

export function SelectField(props: FieldProps & { choices: readonly Choice[]; blank?: string }): Html {
  const chosen = valueOf(props.values, props.name);
  return (
    <FieldFrame {...props}>
      <select
        id={idOf(props.name)}
        name={props.name}
        required={props.required}
        aria-invalid={props.errors?.[props.name] ? 'true' : undefined}
        aria-describedby={described(props)}
      >
        {props.blank !== undefined ? <option value="">{props.blank}</option> : null}
        {props.choices.map((choice) => (
          <option value={choice.value} selected={choice.value === chosen}>
            {choice.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** Several of a list, as checkboxes in a fieldset; the browser sends each ticked one under the name. */
export function CheckboxGroup(
  props: Omit<FieldProps, 'identifying'> & { choices: readonly Choice[]; legend?: string },
): Html {
  const value = props.values?.[props.name];
  const ticked = new Set(Array.isArray(value) ? value : value ? [value] : []);
  const error = props.errors?.[props.name];
  const base = idOf(props.name);
  return (
    <fieldset class={error ? 'field has-error' : 'field'} aria-describedby={error ? `${base}-error` : undefined}>
      <legend>{props.legend ?? props.label}</legend>
      {error ? (
        <p class="error" id={`${base}-error`}>
          {error}
        </p>
      ) : null}
      {props.choices.map((choice, index) => (
        <div class="check">
          <input
            type="checkbox"
            id={`${base}-${index}`}
            name={props.name}
            value={choice.value}
            checked={ticked.has(choice.value)}
          />
          <label for={`${base}-${index}`}>{choice.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** The summary at the top of a refused form, linking to each field that needs attention. */
export function ErrorSummary(props: { page: PageContext; errors?: FormErrors; labels: Record<string, string> }): Html {
  const names = Object.keys(props.errors ?? {});
  if (!names.length) return <Fragment />;
  const t = common.in(props.page.language);
  return (
    <div class="error-summary" role="alert" tabindex={-1}>
      <p>
        <strong>{t('form_has_problems')}</strong>
      </p>
      <ul>
        {names.map((name) => (
          <li>
            <a href={`#${idOf(name)}`}>{`${props.labels[name] ?? name}: ${props.errors?.[name] ?? ''}`}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
