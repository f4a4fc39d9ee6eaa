import { parseOptions, UsageError } from './args';

describe('command-line options', () => {
  const spec = { strings: ['name', 'type'] as const, required: ['name'] as const };

  it('reads string options and checks the required ones', () => {
    expect(parseOptions(['--name', 'Shelter Khujand', '--type', 'Shelter'], spec)).toMatchObject({
      name: 'Shelter Khujand',
      type: 'Shelter',
    });
    expect(() => parseOptions(['--type', 'Shelter'], spec)).toThrow('--name is required');
  });

  it('refuses control characters and line breaks in a value, naming the option and never echoing it', () => {
    for (const value of ['Shelter\u0000Khujand', 'Shelter\u001bKhujand', 'Shelter\nKhujand', 'Shelter\tKhujand']) {
      let error: unknown;
      try {
        parseOptions(['--name', value], spec);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toMatch(/^--name must/);
      expect((error as Error).message).not.toContain('Khujand');
    }
  });
});
