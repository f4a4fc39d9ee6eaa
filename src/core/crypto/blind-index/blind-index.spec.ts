import { newKeyFile } from '../key-file';
import { KeyRing } from '../key-ring';
import { loadSodium } from '../sodium.provider';
import { BlindIndex, BlindIndexName } from './blind-index';

describe('BlindIndex', () => {
  it('truncates to the planned bits, clearing the unused low bits of the last byte', async () => {
    const index = new BlindIndex(await loadSodium(), new KeyRing(await loadSodium(), newKeyFile()), 15);
    for (const input of ['a', 'b', 'zarina|karimova|1998']) {
      const value = index.compute(BlindIndexName.NameBirthYear, input);
      expect(value.length).toBe(2);
      expect(value[1] & 0x01).toBe(0);
    }
  });

  it('gives equal inputs equal values, and each index (and each key file) its own key', async () => {
    const sodium = await loadSodium();
    const keys = new KeyRing(sodium, newKeyFile());
    const index = new BlindIndex(sodium, keys, 64);
    const other = new BlindIndex(sodium, new KeyRing(sodium, newKeyFile()), 64);
    const value = index.compute(BlindIndexName.DocumentNumber, 'a1234567');
    expect(index.compute(BlindIndexName.DocumentNumber, 'a1234567').equals(value)).toBe(true);
    expect(index.compute(BlindIndexName.NameBirthYear, 'a1234567').equals(value)).toBe(false);
    expect(other.compute(BlindIndexName.DocumentNumber, 'a1234567').equals(value)).toBe(false);
  });

  it('spreads values evenly: about N / 2^bits inputs share each value', async () => {
    const sodium = await loadSodium();
    const index = new BlindIndex(sodium, new KeyRing(sodium, newKeyFile()), 8);
    const counts = new Map<string, number>();
    for (let i = 0; i < 4096; i++) {
      const value = index.compute(BlindIndexName.DocumentNumber, `n${i}`).toString('hex');
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    expect(counts.size).toBe(256);
    expect(Math.max(...counts.values())).toBeLessThan(40); // 16 expected per value
  });
});
