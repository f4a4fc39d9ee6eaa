import * as fs from 'node:fs';
import * as path from 'node:path';
import { catalogue, LANGUAGES } from './i18n';

/** Every file that defines messages: the catalogue is what they define once loaded. */
function messageFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return messageFiles(full);
    return /(?:^|\.)messages\.ts$/.test(entry.name) ? [full] : [];
  });
}

/** Letters of Russian that Tajik's alphabet (1998) does not have. */
const RUSSIAN_ONLY = /[ыщцьЫЩЦЬ]/;
const TAJIK_ONLY = /[ӣӯҳқғҷӢӮҲҚҒҶ]/;

describe('the message catalogue', () => {
  beforeAll(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- each file registers its set when loaded
    for (const file of messageFiles(path.join(__dirname, '..', '..'))) require(file);
  });

  it('holds every feature’s messages', () => {
    expect(catalogue().length).toBeGreaterThanOrEqual(3);
  });

  it('has every message in every language, none of them blank', () => {
    const blank: string[] = [];
    for (const set of catalogue()) {
      for (const key of Object.keys(set.text.en)) {
        for (const language of LANGUAGES) if (!set.text[language][key]?.trim()) blank.push(`${set.area}.${key}.${language}`);
      }
    }
    expect(blank).toEqual([]);
  });

  it('names the same parameters in every language', () => {
    const parameters = (text: string) => [...text.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1]).sort().join(',');
    const differ: string[] = [];
    for (const set of catalogue()) {
      for (const key of Object.keys(set.text.en)) {
        const expected = parameters(set.text.en[key]);
        for (const language of LANGUAGES) {
          if (parameters(set.text[language][key]) !== expected) differ.push(`${set.area}.${key}.${language}`);
        }
      }
    }
    expect(differ).toEqual([]);
  });

  it('writes Tajik in Tajik: no letter only Russian has, and not Russian copied', () => {
    const russianLetters: string[] = [];
    let sentences = 0;
    let copied = 0;
    let tajikLetters = 0;
    for (const set of catalogue()) {
      for (const [key, tg] of Object.entries(set.text.tg)) {
        if (RUSSIAN_ONLY.test(tg)) russianLetters.push(`${set.area}.${key}`);
        if (tg.split(' ').length < 3) continue;
        sentences++;
        if (tg === set.text.ru[key]) copied++;
        if (TAJIK_ONLY.test(tg)) tajikLetters++;
      }
    }
    expect(russianLetters).toEqual([]);
    expect(copied).toBe(0);
    // Tajik sentences nearly always hold one of its own letters; a set of Russian ones would not.
    expect(tajikLetters / sentences).toBeGreaterThan(0.6);
  });
});
