import { BlindIndex } from '../../../core/crypto/blind-index/blind-index';
import { newKeyFile } from '../../../core/crypto/key-file';
import { KeyRing } from '../../../core/crypto/key-ring';
import { loadSodium } from '../../../core/crypto/sodium.provider';
import { blindIndexEntries, isSamePerson } from './person-matching';

describe('matching persons', () => {
  let index: BlindIndex;

  beforeAll(async () => {
    const sodium = await loadSodium();
    index = new BlindIndex(sodium, new KeyRing(sodium, newKeyFile()), 15);
  });

  const latin = { familyName: 'Karimova', givenName: 'Zarina', dateOfBirth: '1998-04-02', documentNumbers: [] };
  const cyrillic = { familyName: 'Каримова', givenName: 'Зарина', dateOfBirth: '1998', documentNumbers: [] };

  it('gives a Cyrillic and a Latin spelling the same name index value', () => {
    expect(blindIndexEntries(index, latin)).toEqual(blindIndexEntries(index, cyrillic));
  });

  it('searches both name orders, storing one', () => {
    expect(blindIndexEntries(index, latin)).toHaveLength(1);
    expect(blindIndexEntries(index, latin, { bothNameOrders: true })).toHaveLength(2);
  });

  it('makes no name entry without a birth year, and one entry per distinct document number', () => {
    expect(blindIndexEntries(index, { ...latin, dateOfBirth: null })).toEqual([]);
    expect(
      blindIndexEntries(index, { ...latin, dateOfBirth: null, documentNumbers: ['A 1234567', 'a1234567', 'B7'] }),
    ).toHaveLength(2);
  });

  it('confirms the same person across scripts, in either name order, or by a shared document', () => {
    expect(isSamePerson(latin, cyrillic)).toBe(true);
    expect(isSamePerson(latin, { ...cyrillic, familyName: 'Зарина', givenName: 'Каримова' })).toBe(true);
    expect(
      isSamePerson(
        { familyName: 'X', givenName: 'Y', documentNumbers: ['А 123'] },
        { familyName: 'Z', givenName: 'W', documentNumbers: ['a123'] },
      ),
    ).toBe(true);
  });

  it('does not confirm a different birth year, a different name, or a missing year', () => {
    expect(isSamePerson(latin, { ...cyrillic, dateOfBirth: '1999' })).toBe(false);
    expect(isSamePerson(latin, { ...cyrillic, givenName: 'Нодира' })).toBe(false);
    expect(isSamePerson({ ...latin, dateOfBirth: null }, { ...cyrillic, dateOfBirth: null })).toBe(false);
  });
});
