import { IsOptional } from 'class-validator';
import { inspectInput } from './input-inspection';
import { NestedObject, NestedObjects } from './nested-input';
import { FreeText } from './text-validation';

class Document {
  @FreeText(1, 64) number: string;
}

class Person {
  @FreeText(1, 200) familyName: string;
  @IsOptional() @NestedObjects(() => Document, 10) documents?: Document[];
}

class Registration {
  @NestedObject(() => Person) person: Person;
  @IsOptional() @FreeText(1, 2000) narrative?: string;
}

describe('the checks every request passes', () => {
  it('names each string with a control character by its path, at any depth', () => {
    const problems = inspectInput(
      {
        person: { familyName: 'Kari\u0000mova', documents: [{ number: 'A1' }, { number: 'B\u001b2' }] },
        narrative: 'ok',
      },
      Registration,
    );
    expect(problems).toEqual([
      { field: 'person.familyName', problem: 'must not contain control characters' },
      { field: 'person.documents[1].number', problem: 'must not contain control characters' },
    ]);
  });

  it('keeps tabs and line breaks, and refuses DEL, C1 controls and unpaired surrogates', () => {
    expect(inspectInput({ narrative: 'a\tb\r\nc\nd' }, Registration)).toEqual([]);
    for (const text of ['\u007f', '\u0085', '\u009f', '\ud800', 'x\udc00']) {
      expect(inspectInput({ narrative: text }, Registration)).toHaveLength(1);
    }
    expect(inspectInput({ narrative: '\ud83d\ude00 Ҷӯраевна' }, Registration)).toEqual([]);
  });

  it('refuses an array or a scalar where an object is declared, naming the field or the position', () => {
    expect(inspectInput({ person: [[]] }, Registration)).toEqual([{ field: 'person', problem: 'must be an object' }]);
    expect(inspectInput({ person: 'Zarina' }, Registration)).toEqual([
      { field: 'person', problem: 'must be an object' },
    ]);
    expect(
      inspectInput({ person: { familyName: 'K', documents: [{ number: '1' }, [], null, 'A'] } }, Registration),
    ).toEqual([
      { field: 'person.documents[1]', problem: 'must be an object' },
      { field: 'person.documents[2]', problem: 'must be an object' },
      { field: 'person.documents[3]', problem: 'must be an object' },
    ]);
    // Absence and null are the field's own decorators' to judge.
    expect(inspectInput({ person: null }, Registration)).toEqual([]);
  });

  it('never writes out a key that is not a field name, and still refuses control characters in it', () => {
    expect(inspectInput({ 'Zarina Karimova': 'x' }, Registration)).toEqual([]);
    expect(inspectInput({ person: { 'Zarina\u0000': 1 } }, Registration)).toEqual([
      { field: 'person', problem: 'holds a field name with control characters' },
    ]);
  });

  it('names a path or query parameter by its own name', () => {
    expect(inspectInput('a\u0000', String, 'id')).toEqual([
      { field: 'id', problem: 'must not contain control characters' },
    ]);
    expect(inspectInput({ stage: ['identified', 'x\u0000'] }, undefined)).toEqual([
      { field: 'stage[1]', problem: 'must not contain control characters' },
    ]);
  });

  it('answers at most 20 problems', () => {
    const many = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`f${i}`, '\u0000']));
    expect(inspectInput(many, undefined)).toHaveLength(20);
  });

  it('refuses a key named after Object.prototype at any depth, naming it', () => {
    const names = ['__proto__', 'constructor', 'prototype', ...Object.getOwnPropertyNames(Object.prototype)];
    expect(names).toEqual(expect.arrayContaining(['hasOwnProperty', 'isPrototypeOf', '__defineGetter__', 'valueOf']));
    for (const name of names) {
      const top = JSON.parse(`{${JSON.stringify(name)}:1,"narrative":"ok"}`) as object;
      expect(inspectInput(top, Registration)).toEqual([{ field: name, problem: 'is not a field of this request' }]);
      const deep = JSON.parse(`{"person":{"familyName":"K","documents":[{${JSON.stringify(name)}:{}}]}}`) as object;
      expect(inspectInput(deep, Registration)).toEqual([
        { field: `person.documents[0].${name}`, problem: 'is not a field of this request' },
      ]);
    }
  });

  it('sees the own __proto__ field JSON.parse makes, which is no prototype', () => {
    const parsed = JSON.parse('{"__proto__":{"familyName":"x"}}') as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(inspectInput(parsed, Registration)).toEqual([
      { field: '__proto__', problem: 'is not a field of this request' },
    ]);
  });

  it('lets fields through whose names only resemble those of Object.prototype', () => {
    expect(inspectInput({ proto: 1, toStrings: 1, Constructor: 1, _proto_: 1 }, undefined)).toEqual([]);
  });
});
