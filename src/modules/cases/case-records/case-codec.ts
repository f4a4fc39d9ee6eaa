import { Injectable } from '@nestjs/common';
import { OpenDataKey } from '../../../core/crypto/data-key.repository';
import { FieldCipher, FieldKey, FieldLocation } from '../../../core/crypto/field-cipher';
import { FieldSealer } from '../../../core/crypto/record-sealer';
import { VictimCase } from './entities/victim-case.entity';

/** A case's encrypted fields in clear; they exist only in memory, for one request. */
export interface CaseFields {
  narrative: string | null;
  shelterLocation: string | null;
  healthNotes: string | null;
  psychosocialNotes: string | null;
  /** The organisation outside Panoh that referred the case (HTCDS cas_ReferringOrganisation). */
  referringOrganisationName: string | null;
  /** HTCDS cas_IncomingReferralDetails. */
  incomingReferralDetails: string | null;
  /** The support plan's objectives (HTCDS spl_Objectives). */
  supportObjectives: string | null;
  /** The support plan's actions (HTCDS spl_ActionPlan). */
  actionPlan: string | null;
}

type EncryptedColumn = keyof CaseFields;

/** Each field, the column it is stored in (bound into its ciphertext). */
const COLUMNS: Readonly<Record<EncryptedColumn, string>> = {
  narrative: 'narrative',
  shelterLocation: 'shelter_location',
  healthNotes: 'health_notes',
  psychosocialNotes: 'psychosocial_notes',
  referringOrganisationName: 'referring_organisation_name',
  incomingReferralDetails: 'incoming_referral_details',
  supportObjectives: 'support_objectives',
  actionPlan: 'action_plan',
};
export const CASE_ENCRYPTED_FIELDS = Object.keys(COLUMNS) as EncryptedColumn[];
const TABLE = 'victim_case';

/**
 * The case's narrative and notes, encrypted field by field under the case's data key, each bound to
 * `victim_case|column|id|data key version`. Absent fields are stored as NULL.
 */
@Injectable()
export class CaseCodec {
  constructor(private readonly cipher: FieldCipher) {}

  seal(caseId: string, key: OpenDataKey, fields: Partial<CaseFields>): Partial<Record<EncryptedColumn, Buffer | null>> {
    return this.withFieldKey(key, (fieldKey) => {
      const sealed: Partial<Record<EncryptedColumn, Buffer | null>> = {};
      for (const name of CASE_ENCRYPTED_FIELDS) {
        const value = fields[name];
        if (value === undefined) continue;
        sealed[name] =
          value === null ? null : this.cipher.encrypt(fieldKey, key.version, location(caseId, name), value);
      }
      return sealed;
    });
  }

  /** The fields named in `only` in clear (the others are not decrypted); IntegrityError when altered. */
  open(record: VictimCase, key: OpenDataKey, only: readonly EncryptedColumn[] = CASE_ENCRYPTED_FIELDS): CaseFields {
    return this.withFieldKey(key, (fieldKey) => {
      const fields: CaseFields = {
        narrative: null,
        shelterLocation: null,
        healthNotes: null,
        psychosocialNotes: null,
        referringOrganisationName: null,
        incomingReferralDetails: null,
        supportObjectives: null,
        actionPlan: null,
      };
      for (const name of only) {
        const box = record[name];
        fields[name] = box ? this.cipher.decrypt(fieldKey, key.version, location(record.id, name), box) : null;
      }
      return fields;
    });
  }

  /** A trafficking event's city, under the case's data key, bound to `trafficking_event|city|event id`. */
  sealCity(eventId: string, key: OpenDataKey, city: string): Buffer {
    return this.withFieldKey(key, (fieldKey) =>
      this.cipher.encrypt(fieldKey, key.version, cityLocation(eventId), city),
    );
  }

  /** The cities of the events (null where none), in clear. */
  openCities(events: Array<{ id: string; city: Buffer | null }>, key: OpenDataKey): Array<string | null> {
    return this.withFieldKey(key, (fieldKey) =>
      events.map((e) => (e.city ? this.cipher.decrypt(fieldKey, key.version, cityLocation(e.id), e.city) : null)),
    );
  }

  /** `work` with the fields of `table` sealed under the open key of a case being created. */
  withSealer<T>(key: OpenDataKey, table: string, work: (sealer: FieldSealer) => T): T {
    return this.withFieldKey(key, (fieldKey) => work(new FieldSealer(this.cipher, fieldKey, key, table)));
  }

  /** The events' descriptions (null where none), in clear, bound to `trafficking_event|description|event id`. */
  openDescriptions(events: Array<{ id: string; description: Buffer | null }>, key: OpenDataKey): Array<string | null> {
    return this.withSealer(key, 'trafficking_event', (sealer) =>
      events.map((e) => sealer.open('description', e.id, e.description)),
    );
  }

  private withFieldKey<T>(key: OpenDataKey, work: (fieldKey: FieldKey) => T): T {
    return this.cipher.withFieldKey(key.plaintext, work);
  }
}

function cityLocation(eventId: string): FieldLocation {
  return { table: 'trafficking_event', column: 'city', rowId: eventId };
}

function location(rowId: string, name: EncryptedColumn): FieldLocation {
  return { table: TABLE, column: COLUMNS[name], rowId };
}
