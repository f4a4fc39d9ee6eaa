import { crc32 } from 'node:zlib';

/**
 * Files built in code for the attachment tests: nothing binary is checked in, and each test can see
 * exactly which bytes are metadata.
 */

const segment = (marker: number, payload: Buffer): Buffer => {
  const head = Buffer.alloc(4);
  head.writeUInt16BE(0xff00 | marker, 0);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
};

/** A TIFF/EXIF block with a GPS IFD holding GPSLatitudeRef 'N' and a latitude, and a camera make. */
function exifWithGps(): Buffer {
  // Little-endian TIFF header, IFD0 at 8 with 2 entries: Make (0x010F) and GPSInfo pointer (0x8825).
  const tiff = Buffer.alloc(100);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  tiff.writeUInt16LE(2, 8);
  // Make: ASCII, 6 bytes at offset 60
  tiff.writeUInt16LE(0x010f, 10);
  tiff.writeUInt16LE(2, 12);
  tiff.writeUInt32LE(6, 14);
  tiff.writeUInt32LE(60, 18);
  // GPS IFD pointer
  tiff.writeUInt16LE(0x8825, 22);
  tiff.writeUInt16LE(4, 24);
  tiff.writeUInt32LE(1, 26);
  tiff.writeUInt32LE(36, 30);
  tiff.writeUInt32LE(0, 34);
  // GPS IFD at 36: 1 entry, GPSLatitudeRef 'N'
  tiff.writeUInt16LE(1, 36);
  tiff.writeUInt16LE(0x0001, 38);
  tiff.writeUInt16LE(2, 40);
  tiff.writeUInt32LE(2, 42);
  tiff.write('N\0', 46, 'latin1');
  tiff.writeUInt32LE(0, 50);
  tiff.write('PHONE\0', 60, 'latin1');
  tiff.write('GPS-40.28N-69.62E', 70, 'latin1');
  return Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
}

/**
 * An 8×8 grey baseline JPEG that decodes (one block, every coefficient zero), as `clean`, and the same
 * with the metadata a phone adds — APP1 EXIF with a GPS IFD, APP1 XMP, APP13 IPTC, a comment, a JFIF
 * thumbnail — as `withMetadata`. Stripping the latter must give exactly the former.
 */
export function jpegFixture(): { withMetadata: Buffer; clean: Buffer } {
  const soi = Buffer.from([0xff, 0xd8]);
  const jfif = (thumbnail: boolean) => {
    const base = Buffer.from([0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x48, 0x00, 0x48]);
    return thumbnail
      ? segment(0xe0, Buffer.concat([base, Buffer.from([1, 1]), Buffer.from([0x10, 0x20, 0x30])]))
      : segment(0xe0, Buffer.concat([base, Buffer.from([0, 0])]));
  };
  const dqt = segment(0xdb, Buffer.concat([Buffer.from([0x00]), Buffer.alloc(64, 1)]));
  const sof = segment(0xc0, Buffer.from([8, 0, 8, 0, 8, 1, 1, 0x11, 0]));
  // DC table 0: one code of length 1 for category 0; AC table 0: one code of length 1 for EOB (0x00).
  const oneCode = (tableClass: number, symbol: number) => {
    const counts = Buffer.alloc(16);
    counts[0] = 1;
    return Buffer.concat([Buffer.from([tableClass << 4]), counts, Buffer.from([symbol])]);
  };
  const dht = segment(0xc4, Buffer.concat([oneCode(0, 0x00), oneCode(1, 0x00)]));
  const sos = segment(0xda, Buffer.from([1, 1, 0x00, 0, 63, 0]));
  const scan = Buffer.from([0x3f]); // DC "0", EOB "0", padded with ones
  const eoi = Buffer.from([0xff, 0xd9]);
  const metadata = [
    segment(0xe1, exifWithGps()),
    segment(0xe1, Buffer.from('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>GPS 40.28 69.62</x:xmpmeta>', 'latin1')),
    segment(0xed, Buffer.from('Photoshop 3.0\x008BIM IPTC by-line Madina', 'latin1')),
    segment(0xfe, Buffer.from('taken at the bus station', 'latin1')),
  ];
  return {
    withMetadata: Buffer.concat([soi, jfif(true), ...metadata, dqt, sof, dht, sos, scan, eoi, Buffer.from('trailing')]),
    clean: Buffer.concat([soi, jfif(false), dqt, sof, dht, sos, scan, eoi]),
  };
}

const chunk = (type: string, data: Buffer): Buffer => {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
};

/** A 1×1 PNG, clean and with tEXt, iTXt, eXIf and tIME chunks beside its gAMA (which is kept). */
export function pngFixture(): { withMetadata: Buffer; clean: Buffer } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const ihdr = chunk('IHDR', Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]));
  const gama = chunk('gAMA', Buffer.from([0, 0, 0xb1, 0x8f]));
  // zlib stream of one filter byte and one grey pixel.
  const idat = chunk('IDAT', Buffer.from([0x78, 0x9c, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01]));
  const iend = chunk('IEND', Buffer.alloc(0));
  const metadata = [
    chunk('tEXt', Buffer.from('Author\0Madina Nazarova', 'latin1')),
    chunk('iTXt', Buffer.from('XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta>GPS 40.28</x:xmpmeta>', 'latin1')),
    chunk('eXIf', exifWithGps().subarray(6)),
    chunk('tIME', Buffer.from([0x07, 0xea, 1, 2, 3, 4, 5])),
  ];
  return {
    withMetadata: Buffer.concat([
      signature,
      ihdr,
      metadata[0],
      gama,
      metadata[1],
      metadata[2],
      idat,
      metadata[3],
      iend,
    ]),
    clean: Buffer.concat([signature, ihdr, gama, idat, iend]),
  };
}

/** A small, valid-looking PDF holding `marker` in a content stream, padded to about `bytes`. */
export function pdfFixture(marker: string, bytes = 200 * 1024): Buffer {
  const head = `%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n3 0 obj << /Length ${marker.length + 20} >> stream\nBT (${marker}) Tj ET\nendstream endobj\n`;
  const padding = Buffer.alloc(Math.max(0, bytes - head.length - 64), 0x20);
  for (let i = 0; i < padding.length; i += 997) padding[i] = 0x25; // a comment now and then
  return Buffer.concat([
    Buffer.from(head, 'latin1'),
    padding,
    Buffer.from('\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1'),
  ]);
}

/** The first bytes of an ELF program, renamed as a PDF would be. */
export function elfFixture(): Buffer {
  return Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120, 0)]);
}
