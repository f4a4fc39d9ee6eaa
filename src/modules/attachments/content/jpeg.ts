/**
 * JPEG without its metadata, by walking its segments (ITU-T T.81 B.1): what is kept is exactly what a
 * decoder needs and nothing a camera or an editor adds about the picture's making.
 *
 * Kept, byte for byte and in order: SOI; APP0 only when it is JFIF, rewritten to its 14 bytes without
 * a thumbnail; APP14 only when it is Adobe's colour-transform segment (12 bytes, no text); the tables
 * and frame (DQT, DHT, DAC, SOFn, DRI, DNL, EXP, DHP); each SOS with its entropy-coded data and
 * restart markers; EOI. Dropped: APP1 (EXIF, with GPS, and XMP), APP2 (ICC profile, FlashPix, MPF
 * with its hidden second images), APP3–APP13 (IPTC in APP13 among them), APP15, other APP0 and APP14
 * segments, COM, and anything after EOI. Anything not in these lists is refused, not passed on.
 */
export function stripJpeg(input: Buffer): Buffer {
  const out: Buffer[] = [];
  if (input.length < 4 || input[0] !== 0xff || input[1] !== 0xd8) throw new MalformedContent('no JPEG start');
  out.push(input.subarray(0, 2));
  let at = 2;
  let sawFrame = false;
  let sawScan = false;
  for (;;) {
    // Markers may be preceded by fill bytes 0xFF (B.1.1.2).
    if (at >= input.length || input[at] !== 0xff) throw new MalformedContent('segment does not start with a marker');
    while (at < input.length && input[at] === 0xff) at++;
    if (at >= input.length) throw new MalformedContent('truncated at a marker');
    const marker = input[at++];
    if (marker === 0xd9) {
      if (!sawFrame || !sawScan) throw new MalformedContent('no frame or no scan before the end');
      out.push(Buffer.from([0xff, 0xd9]));
      return Buffer.concat(out);
    }
    if (marker === 0x00 || marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      throw new MalformedContent('marker out of place');
    }
    if (at + 2 > input.length) throw new MalformedContent('truncated segment length');
    const length = input.readUInt16BE(at);
    if (length < 2 || at + length > input.length) throw new MalformedContent('segment longer than the file');
    const segment = input.subarray(at - 2, at + length);
    const payload = input.subarray(at + 2, at + length);
    at += length;
    if (marker === 0xe0) {
      if (isJfif(payload)) out.push(jfifWithoutThumbnail(payload));
    } else if (marker === 0xee) {
      if (isAdobe(payload)) out.push(segment);
    } else if ((marker >= 0xe1 && marker <= 0xef) || marker === 0xfe) {
      // metadata or comment: dropped
    } else if (isFrame(marker)) {
      sawFrame = true;
      out.push(segment);
    } else if (marker === 0xda) {
      if (!sawFrame) throw new MalformedContent('scan before frame');
      sawScan = true;
      const end = endOfEntropyCodedData(input, at);
      out.push(segment, input.subarray(at, end));
      at = end;
    } else if (TABLES.has(marker)) {
      out.push(segment);
    } else {
      throw new MalformedContent('unknown segment');
    }
  }
}

/** DQT, DHT, DAC, DRI, DNL, DHP, EXP: tables and parameters a decoder reads. */
const TABLES = new Set([0xdb, 0xc4, 0xcc, 0xdd, 0xdc, 0xde, 0xdf]);

/** SOF0–SOF15 but DHT (C4), JPG (C8) and DAC (CC). */
function isFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** Scans to the first marker that is neither a stuffed 0xFF00 nor a restart marker. */
function endOfEntropyCodedData(input: Buffer, from: number): number {
  let at = from;
  for (;;) {
    const ff = input.indexOf(0xff, at);
    if (ff < 0 || ff + 1 >= input.length) throw new MalformedContent('scan without an end');
    const next = input[ff + 1];
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) {
      at = ff + 2;
      continue;
    }
    if (next === 0xff) {
      at = ff + 1; // a fill byte before a marker
      continue;
    }
    return ff;
  }
}

function isJfif(payload: Buffer): boolean {
  return payload.length >= 14 && payload.subarray(0, 5).equals(Buffer.from('JFIF\0', 'latin1'));
}

/** The JFIF header with its version, units and density, and a 0×0 thumbnail. */
function jfifWithoutThumbnail(payload: Buffer): Buffer {
  const segment = Buffer.alloc(2 + 2 + 14);
  segment.writeUInt16BE(0xffe0, 0);
  segment.writeUInt16BE(16, 2);
  payload.copy(segment, 4, 0, 12);
  segment[16] = 0;
  segment[17] = 0;
  return segment;
}

function isAdobe(payload: Buffer): boolean {
  return payload.length === 12 && payload.subarray(0, 5).equals(Buffer.from('Adobe', 'latin1'));
}

/** The content claims a type but does not hold together as it; never shown to the caller in detail. */
export class MalformedContent extends Error {}
