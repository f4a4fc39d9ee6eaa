import { MalformedContent, stripJpeg } from './jpeg';
import { PNG_SIGNATURE, stripPng } from './png';

/** The types an attachment may have, decided from its bytes. */
export const MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

/** What the bytes turned out to be, when they are not one of the accepted types. */
export type Refusal = 'executable' | 'unsupported' | 'malformed' | 'empty';

export type Examined = { ok: true; mediaType: MediaType; content: Buffer } | { ok: false; refusal: Refusal };

/**
 * Decides an upload's type from its content alone — never its name or declared Content-Type — and
 * gives the content to store: a PDF as it came, a JPEG or PNG without its metadata (jpeg.ts, png.ts).
 * Programs and scripts are named as such in the refusal; anything else unrecognised is unsupported.
 */
export function examine(input: Buffer): Examined {
  if (input.length === 0) return { ok: false, refusal: 'empty' };
  if (isExecutable(input)) return { ok: false, refusal: 'executable' };
  try {
    if (isPdf(input)) return { ok: true, mediaType: 'application/pdf', content: input };
    if (input.length >= 3 && input[0] === 0xff && input[1] === 0xd8 && input[2] === 0xff) {
      return { ok: true, mediaType: 'image/jpeg', content: stripJpeg(input) };
    }
    if (input.subarray(0, 8).equals(PNG_SIGNATURE))
      return { ok: true, mediaType: 'image/png', content: stripPng(input) };
  } catch (error) {
    if (error instanceof MalformedContent) return { ok: false, refusal: 'malformed' };
    throw error;
  }
  return { ok: false, refusal: 'unsupported' };
}

/** `%PDF-1.x` or `%PDF-2.x` at the very start, and an end-of-file marker in its last kilobyte. */
function isPdf(input: Buffer): boolean {
  if (!/^%PDF-[12]\.\d/.test(input.subarray(0, 8).toString('latin1'))) return false;
  if (input.subarray(Math.max(0, input.length - 1024)).indexOf('%%EOF', 0, 'latin1') < 0) {
    throw new MalformedContent('PDF without its end-of-file marker');
  }
  return true;
}

/** ELF, Windows PE ("MZ"), Mach-O (both byte orders, fat), Java class/fat Mach-O, WebAssembly, a `#!` script. */
function isExecutable(input: Buffer): boolean {
  const head = input.subarray(0, 4);
  const hex = head.toString('hex');
  return (
    hex === '7f454c46' ||
    (input.length >= 2 && input[0] === 0x4d && input[1] === 0x5a) ||
    ['feedface', 'feedfacf', 'cefaedfe', 'cffaedfe', 'cafebabe', '0061736d'].includes(hex) ||
    (input.length >= 2 && input[0] === 0x23 && input[1] === 0x21)
  );
}
