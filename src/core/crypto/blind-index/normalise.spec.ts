import { birthYearOf, nameTokens, normaliseDocumentNumber, normaliseName } from './normalise';

describe('normalising values for blind indexes', () => {
  it('lets a Cyrillic name meet its Latin spelling', () => {
    expect(normaliseName('Зарина')).toBe(normaliseName('Zarina'));
    expect(normaliseName('Каримова')).toBe(normaliseName('KARIMOVA'));
    expect(normaliseName('Зарина Каримова')).toBe('zarina karimova');
  });

  it('transliterates the Tajik letters ғ ӣ қ ӯ ҳ ҷ', () => {
    expect(normaliseName('ғ ӣ қ ӯ ҳ ҷ')).toBe('g i k u h j');
    expect(normaliseName('Ғ Ӣ Қ Ӯ Ҳ Ҷ')).toBe('g i k u h j');
    expect(normaliseName('Ҷӯраев')).toBe('juraev');
    expect(normaliseName('Қодирӣ')).toBe('kodiri');
    expect(normaliseName('Ғафуров')).toBe('gafurov');
    expect(normaliseName('Ҳамроев')).toBe('hamroev');
  });

  it('lets Tajik, Russian and the usual Latin spellings of one name meet', () => {
    for (const spelling of ['Раҳимова', 'Rahimova', 'RAXIMOVA', 'Rakhimova']) {
      expect(normaliseName(spelling)).toBe(normaliseName('Рахимова'));
    }
    expect(normaliseName('Рахимова')).toBe('rahimova');
    expect(normaliseName('Қодиров')).toBe(normaliseName('Kodirov'));
    expect(normaliseName('Ғафуров')).toBe(normaliseName('Gafurov'));
    expect(normaliseName('Djamshed')).toBe(normaliseName('Джамшед'));
    expect(normaliseName('Жасур')).toBe(normaliseName('Jasur'));
    expect(normaliseName('Fyodor')).toBe(normaliseName('Фёдор'));
    expect(normaliseName('Maria')).toBe(normaliseName('Мария'));
    expect(normaliseName('Yusuf')).toBe(normaliseName('Юсуф'));
    expect(normaliseName('Muhammad')).toBe(normaliseName('Мухаммад'));
    expect(normaliseName('Çolpan')).toBe(normaliseName('Чолпан'));
    expect(normaliseName('Aliyev')).toBe(normaliseName('Алиев'));
    expect(normaliseName('Mirzoyev')).toBe(normaliseName('Мирзоев'));
    expect(normaliseName('Hayot')).toBe(normaliseName('Ҳаёт'));
  });

  it('keeps names apart that differ in more than spelling', () => {
    expect(normaliseName('Rahimova')).not.toBe(normaliseName('Rahimov'));
    expect(normaliseName('Madina')).not.toBe(normaliseName('Malika'));
    expect(normaliseName('Шамсиддин')).not.toBe(normaliseName('Самсиддин'));
  });

  it('splits a name into its normalised words, each once', () => {
    expect(nameTokens('Раҳимова  Мадина-Rahimova')).toEqual(['rahimova', 'madina']);
    expect(nameTokens(' , ')).toEqual([]);
  });

  it('lets the Russian spelling of a Tajik name meet the Tajik one (дж and ҷ)', () => {
    expect(normaliseName('Джамшед')).toBe(normaliseName('Ҷамшед'));
    expect(normaliseName('Dzhamshed')).toBe(normaliseName('Jamshed'));
  });

  it('applies NFKC and case folding', () => {
    expect(normaliseName('ＺＡＲＩＮＡ')).toBe('zarina'); // full-width letters
    expect(normaliseName('Straße')).toBe(normaliseName('STRASSE'));
    expect(normaliseName('Ё')).toBe(normaliseName('е'));
  });

  it('collapses spaces and drops punctuation, apostrophes and diacritics', () => {
    expect(normaliseName('  Zarina \t\n  Karimova ')).toBe('zarina karimova');
    expect(normaliseName('Abdul-Rahmon')).toBe('abdul rahmon');
    expect(normaliseName("Qur'onov")).toBe('kuronov');
    expect(normaliseName('Şükrü')).toBe('shukru');
  });

  it('keeps letters of other scripts as they are', () => {
    expect(normaliseName('  زرینه   کریمووا ')).toBe('زرینه کریمووا');
  });

  it('reduces a document number to its letters and digits, Cyrillic look-alikes made Latin', () => {
    expect(normaliseDocumentNumber('A 123-456 7')).toBe('a1234567');
    expect(normaliseDocumentNumber('А1234567')).toBe(normaliseDocumentNumber('a1234567')); // Cyrillic А
  });

  it('takes the year of a full or partial date', () => {
    expect(birthYearOf('1998-04-02')).toBe('1998');
    expect(birthYearOf('1998')).toBe('1998');
    expect(birthYearOf(null)).toBeUndefined();
    expect(birthYearOf('')).toBeUndefined();
  });
});
