/**
 * A cell as a spreadsheet must not run it: text beginning with `=`, `+`, `-`, `@`, a tab or a carriage
 * return is read as a formula by Excel and LibreOffice (CSV injection, OWASP), so it is prefixed with
 * an apostrophe, which they show as text.
 */
export function neutralised(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled. */
function field(value: string): string {
  const safe = neutralised(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The table as CSV: UTF-8 with a byte-order mark (so spreadsheets read Cyrillic), CRLF line ends. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly string[]>): Buffer {
  const lines = [header, ...rows].map((row) => row.map(field).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}
