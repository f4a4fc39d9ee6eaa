import * as fs from 'node:fs';
import * as path from 'node:path';
import { Type } from 'class-transformer';
import {
  IsDateString,
  IsIn,
  IsString,
  Matches,
  ValidateNested,
  getMetadataStorage,
  ValidationTypes,
} from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { isPrototypeName } from './input-inspection';
import { DtoClass, nestedInputOf } from './nested-input';

interface Dto {
  name: string;
  dto: DtoClass;
}

/** Every request DTO of the service: the exported classes of every `dto/` folder and of the page query. */
function requestDtos(): Dto[] {
  const files: string[] = [path.join(__dirname, 'page-query.dto.ts')];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (path.basename(dir) === 'dto' && entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) {
        files.push(full);
      }
    }
  };
  walk(path.resolve(__dirname, '../..'));
  const dtos: Dto[] = [];
  for (const file of files) {
    const exported = require(file) as Record<string, unknown>; // eslint-disable-line @typescript-eslint/no-require-imports
    for (const [name, value] of Object.entries(exported)) {
      if (typeof value === 'function' && /^[A-Z]/.test(name)) dtos.push({ name, dto: value });
    }
  }
  return dtos.filter(({ dto }) => rulesOf(dto).size > 0);
}

function rulesOf(dto: DtoClass): Map<string, ValidationMetadata[]> {
  const byProperty = new Map<string, ValidationMetadata[]>();
  for (const rule of getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false)) {
    byProperty.set(rule.propertyName, [...(byProperty.get(rule.propertyName) ?? []), rule]);
  }
  return byProperty;
}

const constraintName = (rule: ValidationMetadata): string | undefined =>
  rule.name ?? (rule.constraintCls as { name?: string } | undefined)?.name;

/** `Dto.property` of each property whose rules `breaks` the convention. */
function offenders(dtos: Dto[], breaks: (rules: ValidationMetadata[], dto: DtoClass, property: string) => boolean) {
  return dtos.flatMap(({ name, dto }) =>
    [...rulesOf(dto)].flatMap(([property, rules]) => (breaks(rules, dto, property) ? [`${name}.${property}`] : [])),
  );
}

const FOREIGN_DATE_RULES = ['isDateString', 'isIso8601', 'isDate', 'isRFC3339', 'minDate', 'maxDate'];
const checksDateElsewhere = (rules: ValidationMetadata[]) =>
  rules.some((rule) => FOREIGN_DATE_RULES.includes(constraintName(rule) ?? ''));

const undeclaredNested = (rules: ValidationMetadata[], dto: DtoClass, property: string) => {
  const nested = rules.find((rule) => rule.type === ValidationTypes.NESTED_VALIDATION);
  if (!nested) return false;
  const declared = nestedInputOf(dto, property);
  return !declared || declared.each !== Boolean(nested.each);
};

const unboundedText = (rules: ValidationMetadata[]) => {
  if (!rules.some((rule) => constraintName(rule) === 'isString')) return false;
  return !rules.some((rule) => {
    const name = constraintName(rule);
    if (name === 'isLength' || name === 'maxLength') return true;
    // A pattern bounds the length when it is anchored at both ends and repeats nothing without limit.
    const pattern = name === 'matches' ? (rule.constraints?.[0] as RegExp | undefined)?.source : undefined;
    return pattern !== undefined && /^\^.*\$$/.test(pattern) && !/(?<!\\)[*+]|\{\d+,\}/.test(pattern);
  });
};

/** A DTO breaking each convention, to show the checks below can fail. */
class Counterexample {
  @IsDateString() registeredOn: string;
  @ValidateNested() @Type(() => Counterexample) inner: Counterexample;
  @IsString() @Matches(/\S/) name: string;
}

/** A DTO whose field every object has through its prototype. */
class PrototypeNamed {
  @IsIn(['x']) __lookupGetter__: string;
}

/**
 * The input rules hold in every DTO, not only in those someone remembered: one place checks dates,
 * nested objects are declared so the pipe can check their shape, every text has a length bound, no
 * field has a name the validation pipe refuses in every request.
 */
describe('request DTOs', () => {
  const dtos = requestDtos();
  const counterexample: Dto[] = [{ name: 'Counterexample', dto: Counterexample }];

  it('are found', () => {
    expect(dtos.map((d) => d.name)).toEqual(expect.arrayContaining(['CreateCaseDto', 'LoginDto', 'AuditQueryDto']));
  });

  it('check dates only through day-validation.ts', () => {
    expect(offenders(counterexample, checksDateElsewhere)).toEqual(['Counterexample.registeredOn']);
    expect(offenders(dtos, checksDateElsewhere)).toEqual([]);
  });

  it('declare every nested object with NestedObject or NestedObjects, arrays as arrays', () => {
    expect(offenders(counterexample, undeclaredNested)).toEqual(['Counterexample.inner']);
    expect(offenders(dtos, undeclaredNested)).toEqual([]);
  });

  it('bound the length of every text', () => {
    expect(offenders(counterexample, unboundedText)).toEqual(['Counterexample.name']);
    expect(offenders(dtos, unboundedText)).toEqual([]);
  });

  it('name no field after a property of Object.prototype', () => {
    const named = (_rules: ValidationMetadata[], _dto: DtoClass, property: string) => isPrototypeName(property);
    expect(offenders([{ name: 'PrototypeNamed', dto: PrototypeNamed }], named)).toEqual([
      'PrototypeNamed.__lookupGetter__',
    ]);
    expect(offenders(dtos, named)).toEqual([]);
  });
});
