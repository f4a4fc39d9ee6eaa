import { elfFixture, jpegFixture, pdfFixture, pngFixture } from '../../../../test/support/file-fixtures';
import { examine } from './detect';
import { MalformedContent, stripJpeg } from './jpeg';
import { stripPng } from './png';

describe('examine', () => {
  it('decides the type from the bytes alone', () => {
    expect(examine(pdfFixture('x', 2000))).toMatchObject({ ok: true, mediaType: 'application/pdf' });
    expect(examine(jpegFixture().withMetadata)).toMatchObject({ ok: true, mediaType: 'image/jpeg' });
    expect(examine(pngFixture().withMetadata)).toMatchObject({ ok: true, mediaType: 'image/png' });
  });

  it('keeps a PDF byte for byte', () => {
    const pdf = pdfFixture('x', 2000);
    const examined = examine(pdf);
    expect(examined.ok && examined.content.equals(pdf)).toBe(true);
  });

  it.each([
    ['an ELF program', elfFixture()],
    ['a Windows program', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64)])],
    ['a Mach-O program', Buffer.from([0xcf, 0xfa, 0xed, 0xfe, 0, 0, 0, 0])],
    ['a script', Buffer.from('#!/usr/bin/env python3\nprint(1)\n')],
    ['WebAssembly', Buffer.from([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0])],
  ])('names %s as executable', (_name, bytes) => {
    expect(examine(bytes)).toEqual({ ok: false, refusal: 'executable' });
  });

  it('refuses what it does not know, and what is empty', () => {
    expect(examine(Buffer.from('GIF89a...'))).toEqual({ ok: false, refusal: 'unsupported' });
    expect(examine(Buffer.alloc(0))).toEqual({ ok: false, refusal: 'empty' });
  });

  it('refuses a PDF without its end-of-file marker and a cut image as malformed', () => {
    expect(examine(Buffer.from('%PDF-1.7\n1 0 obj'))).toEqual({ ok: false, refusal: 'malformed' });
    const jpeg = jpegFixture().clean;
    for (let cut = 3; cut < jpeg.length - 1; cut += 7) {
      expect(examine(jpeg.subarray(0, cut))).toEqual({ ok: false, refusal: 'malformed' });
    }
    const png = pngFixture().clean;
    expect(examine(png.subarray(0, png.length - 12))).toEqual({ ok: false, refusal: 'malformed' });
  });
});

describe('stripJpeg', () => {
  it('drops APP1 (EXIF, XMP), APP13, comments, the JFIF thumbnail and trailing bytes, and nothing else', () => {
    const { withMetadata, clean } = jpegFixture();
    expect(stripJpeg(withMetadata).equals(clean)).toBe(true);
    expect(stripJpeg(clean).equals(clean)).toBe(true);
  });

  it('keeps restart markers and stuffed bytes inside the scan', () => {
    const { clean } = jpegFixture();
    const eoi = clean.length - 2;
    const scan = Buffer.from([0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56]);
    const withScan = Buffer.concat([clean.subarray(0, eoi - 1), scan, clean.subarray(eoi)]);
    expect(stripJpeg(withScan).equals(withScan)).toBe(true);
  });

  it('refuses a segment longer than the file and an unknown marker', () => {
    const { clean } = jpegFixture();
    const long = Buffer.from(clean);
    long.writeUInt16BE(0xfff0, 4);
    expect(() => stripJpeg(long)).toThrow(MalformedContent);
    const unknown = Buffer.concat([clean.subarray(0, 2), Buffer.from([0xff, 0x02, 0x00, 0x02]), clean.subarray(2)]);
    expect(() => stripJpeg(unknown)).toThrow(MalformedContent);
  });
});

describe('stripPng', () => {
  it('keeps the critical and rendering chunks, drops text, EXIF and time', () => {
    const { withMetadata, clean } = pngFixture();
    expect(stripPng(withMetadata).equals(clean)).toBe(true);
  });

  it('refuses a chunk whose CRC does not match', () => {
    const broken = Buffer.from(pngFixture().clean);
    broken[broken.length - 20] ^= 0xff;
    expect(() => stripPng(broken)).toThrow(MalformedContent);
  });
});
