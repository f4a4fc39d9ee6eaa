import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Each part of the archive, read back by unzip (which checks every CRC). */
export function unzipped(file: Buffer): Map<string, string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xlsx-'));
  try {
    const archive = path.join(dir, 'book.xlsx');
    fs.writeFileSync(archive, file);
    execFileSync('unzip', ['-tq', archive]);
    const names = execFileSync('unzip', ['-Z1', archive], { encoding: 'utf8' }).trim().split('\n');
    // unzip reads a name as a pattern: its brackets are escaped.
    const read = (name: string) => execFileSync('unzip', ['-p', archive, name.replace(/[[\]]/g, '\\$&')], { encoding: 'utf8' });
    return new Map(names.map((name) => [name, read(name)]));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Whether the text is well-formed XML, by Python's expat (an independent parser). */
export function wellFormed(xml: string): boolean {
  try {
    execFileSync('python3', ['-c', 'import sys, xml.dom.minidom; xml.dom.minidom.parseString(sys.stdin.buffer.read())'], {
      input: xml,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    return true;
  } catch {
    return false;
  }
}

