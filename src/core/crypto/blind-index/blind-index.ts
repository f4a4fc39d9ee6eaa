import { KeyRing } from '../key-ring';
import { Sodium } from '../sodium.provider';

/** The blind indexes; the number is the subkey id of the index's key under the blind-index root key. */
export enum BlindIndexName {
  DocumentNumber = 'document_number',
  NameBirthYear = 'name_birth_year',
  /** The search's tokens (`<field>|<normalised word>`), in person_search_token. */
  SearchToken = 'search_token',
}

const SUBKEY_ID: Readonly<Record<BlindIndexName, number>> = {
  [BlindIndexName.DocumentNumber]: 1,
  [BlindIndexName.NameBirthYear]: 2,
  [BlindIndexName.SearchToken]: 3,
};
const KDF_CONTEXT = 'panohbix'; // 8 bytes

/**
 * Keyed BLAKE2b over a normalised value, one key per index derived from the blind-index root key,
 * truncated to `bits` (the planner's choice) with the unused low bits of the last byte cleared.
 * Equal inputs give equal values; unequal ones share a value by design, about N / 2^bits rows each.
 */
export class BlindIndex {
  private readonly keys = new Map<BlindIndexName, Uint8Array>();

  constructor(
    private readonly sodium: Sodium,
    keyRing: KeyRing,
    readonly bits: number,
  ) {
    for (const name of Object.values(BlindIndexName)) {
      this.keys.set(name, sodium.crypto_kdf_derive_from_key(32, SUBKEY_ID[name], KDF_CONTEXT, keyRing.blindIndexKey));
    }
  }

  compute(name: BlindIndexName, normalised: string): Buffer {
    const digest = this.sodium.crypto_generichash(32, normalised, this.keys.get(name) as Uint8Array);
    const value = Buffer.from(digest.subarray(0, Math.ceil(this.bits / 8)));
    const spare = value.length * 8 - this.bits;
    if (spare > 0) value[value.length - 1] &= 0xff << spare;
    return value;
  }
}
