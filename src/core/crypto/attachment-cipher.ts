import { timingSafeEqual } from 'node:crypto';
import { IntegrityError } from './crypto.errors';
import { FieldCipher, FieldKey, FieldLocation } from './field-cipher';
import type { OpenDataKey } from './data-key.repository';
import { Sodium } from './sodium.provider';

/** Plaintext bytes per chunk; the last chunk may be shorter. */
export const ATTACHMENT_CHUNK_BYTES = 64 * 1024;

const FORMAT = 0x01;
const KDF_CONTEXT = 'panohatt'; // 8 bytes, as crypto_kdf requires
const STREAM_KEY_ID = 1;
const COMMITMENT_ID = 2;
const KEY_LABEL = 'panoh-attachment-key/1|';
const COMMITMENT_AT = 1 + 4 + 4;
const STREAM_HEADER_AT = COMMITMENT_AT + 32;
/** Format, the two data key versions, the key commitment and secretstream's own 24-byte header. */
export const ATTACHMENT_HEADER_BYTES = STREAM_HEADER_AT + 24;

/**
 * The key of a case's attachments, open for one piece of work: derived from both the case's data key
 * and its person's, so that erasing the person (which destroys the person's key) shreds every
 * attachment of their cases, while moving a case to another organisation moves both keys with it.
 */
export class AttachmentKey {
  constructor(
    private readonly sodium: Sodium,
    private readonly fields: FieldCipher,
    /** BLAKE2b-256 keyed with the case key over the label and the person key (docs/crypto.md). */
    private readonly key: Uint8Array,
    readonly caseKeyVersion: number,
    readonly personKeyVersion: number,
  ) {}

  /** The field key for the attachment's file name and description (format panoh-field/1). */
  withFieldKey<T>(work: (fieldKey: FieldKey, version: number) => T): T {
    return this.fields.withFieldKey(this.key, (fieldKey) => work(fieldKey, this.caseKeyVersion));
  }

  /** A writer of one attachment's chunks; `header` goes into the attachment row. */
  encryptor(attachmentId: string): { header: Buffer; push(chunk: Buffer, last: boolean): Buffer } {
    const streamKey = this.derive(STREAM_KEY_ID);
    const commitment = this.derive(COMMITMENT_ID);
    try {
      const { state, header: streamHeader } = this.sodium.crypto_secretstream_xchacha20poly1305_init_push(streamKey);
      const header = Buffer.alloc(ATTACHMENT_HEADER_BYTES);
      header.writeUInt8(FORMAT, 0);
      header.writeUInt32BE(this.caseKeyVersion, 1);
      header.writeUInt32BE(this.personKeyVersion, 5);
      Buffer.from(commitment).copy(header, COMMITMENT_AT);
      Buffer.from(streamHeader).copy(header, STREAM_HEADER_AT);
      let seq = 0;
      return {
        header,
        push: (chunk, last) =>
          Buffer.from(
            this.sodium.crypto_secretstream_xchacha20poly1305_push(
              state,
              chunk,
              chunkAd(attachmentId, seq++),
              last
                ? this.sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL
                : this.sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE,
            ),
          ),
      };
    } finally {
      streamKey.fill(0);
      commitment.fill(0);
    }
  }

  /**
   * A reader of one attachment's chunks, in order: each opens only as chunk `seq` of this attachment,
   * the last (`of` chunks in all) only with the final tag and no earlier one with it, so a stream cut
   * short, reordered, or moved from another attachment fails (IntegrityError, naming no content).
   */
  decryptor(attachmentId: string, header: Buffer, of: number): (seq: number, box: Buffer) => Buffer {
    if (header.length !== ATTACHMENT_HEADER_BYTES || header.readUInt8(0) !== FORMAT) {
      throw new IntegrityError('attachment: unknown format');
    }
    if (header.readUInt32BE(1) !== this.caseKeyVersion || header.readUInt32BE(5) !== this.personKeyVersion) {
      throw new IntegrityError('attachment: written under other data key versions');
    }
    const streamKey = this.derive(STREAM_KEY_ID);
    const commitment = Buffer.from(this.derive(COMMITMENT_ID));
    try {
      if (!timingSafeEqual(commitment, header.subarray(COMMITMENT_AT, STREAM_HEADER_AT))) {
        throw new IntegrityError('attachment: key commitment does not match');
      }
      const state = this.sodium.crypto_secretstream_xchacha20poly1305_init_pull(
        header.subarray(STREAM_HEADER_AT),
        streamKey,
      );
      let expected = 0;
      return (seq, box) => {
        if (seq !== expected++) throw new IntegrityError('attachment: chunk out of order');
        const opened = this.sodium.crypto_secretstream_xchacha20poly1305_pull(state, box, chunkAd(attachmentId, seq));
        if (!opened) throw new IntegrityError('attachment: chunk failed its integrity check');
        const final = opened.tag === this.sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL;
        if (final !== (seq === of - 1)) throw new IntegrityError('attachment: stream ends in the wrong place');
        return Buffer.from(opened.message);
      };
    } finally {
      streamKey.fill(0);
      commitment.fill(0);
    }
  }

  wipe(): void {
    this.key.fill(0);
  }

  private derive(id: number): Uint8Array {
    return this.sodium.crypto_kdf_derive_from_key(32, id, KDF_CONTEXT, this.key);
  }
}

/** Derives attachment keys from a case's and its person's open data keys. */
export class AttachmentCipher {
  constructor(
    private readonly sodium: Sodium,
    private readonly fields: FieldCipher,
  ) {}

  keyOf(caseKey: OpenDataKey, personKey: OpenDataKey): AttachmentKey {
    const input = Buffer.concat([Buffer.from(KEY_LABEL, 'utf8'), personKey.plaintext]);
    try {
      const key = this.sodium.crypto_generichash(32, input, caseKey.plaintext);
      return new AttachmentKey(this.sodium, this.fields, key, caseKey.version, personKey.version);
    } finally {
      input.fill(0);
    }
  }

  /** A file name or description, in the field format under the attachment key's field key. */
  sealField(fieldKey: FieldKey, version: number, location: FieldLocation, value: string): Buffer {
    return this.fields.encrypt(fieldKey, version, location, value);
  }

  openField(fieldKey: FieldKey, version: number, location: FieldLocation, box: Buffer): string {
    return this.fields.decrypt(fieldKey, version, location, box);
  }
}

/** Each chunk is bound to its attachment and its place: `panoh-attachment/1|<attachment id>|<seq>`. */
function chunkAd(attachmentId: string, seq: number): Buffer {
  return Buffer.from(`panoh-attachment/1|${attachmentId}|${seq}`, 'utf8');
}
