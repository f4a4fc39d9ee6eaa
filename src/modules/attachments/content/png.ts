import { crc32 } from 'node:zlib';
import { MalformedContent } from './jpeg';

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * What of a PNG is kept: the critical chunks (IHDR, PLTE, IDAT, IEND) and the ancillary chunks that
 * change how the pixels are shown and carry no text: transparency, gamma, chromaticities, sRGB,
 * significant bits, background, physical pixel size. Dropped: tEXt, zTXt, iTXt (comments, software,
 * authors, XMP), eXIf (EXIF, GPS), tIME, iCCP (a named profile), hIST, sPLT, the animation chunks
 * (the still image stays) and any private or unknown ancillary chunk. An unknown critical chunk is
 * refused, as a decoder would.
 */
const KEPT = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'sBIT', 'bKGD', 'pHYs']);
const CRITICAL = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND']);

/** The PNG with only the chunks above, each checked against its CRC; nothing after IEND. */
export function stripPng(input: Buffer): Buffer {
  if (input.length < PNG_SIGNATURE.length || !input.subarray(0, 8).equals(PNG_SIGNATURE)) {
    throw new MalformedContent('no PNG signature');
  }
  const out: Buffer[] = [PNG_SIGNATURE];
  let at = 8;
  let first = true;
  let sawData = false;
  while (at + 12 <= input.length) {
    const length = input.readUInt32BE(at);
    if (length > 0x7fffffff || at + 12 + length > input.length)
      throw new MalformedContent('chunk longer than the file');
    const type = input.subarray(at + 4, at + 8);
    const name = type.toString('latin1');
    if (!/^[A-Za-z]{4}$/.test(name)) throw new MalformedContent('bad chunk type');
    const chunk = input.subarray(at, at + 12 + length);
    if (crc32(input.subarray(at + 4, at + 8 + length)) !== input.readUInt32BE(at + 8 + length)) {
      throw new MalformedContent('chunk fails its CRC');
    }
    at += 12 + length;
    if (first && name !== 'IHDR') throw new MalformedContent('IHDR is not first');
    first = false;
    if (name === 'IDAT') sawData = true;
    if (name === 'IEND') {
      if (!sawData) throw new MalformedContent('no image data');
      out.push(chunk);
      return Buffer.concat(out);
    }
    if (KEPT.has(name)) out.push(chunk);
    else if (isCritical(name) && !CRITICAL.has(name)) throw new MalformedContent('unknown critical chunk');
  }
  throw new MalformedContent('no IEND');
}

/** A chunk whose first letter is upper case is critical (PNG §5.4). */
function isCritical(name: string): boolean {
  return name[0] >= 'A' && name[0] <= 'Z';
}
