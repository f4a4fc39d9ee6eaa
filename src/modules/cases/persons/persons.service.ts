import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuthenticatedUser } from '../../../core/access/authenticated-user';
import { BlindIndex } from '../../../core/crypto/blind-index/blind-index';
import { DataKeyRepository, OpenDataKey } from '../../../core/crypto/data-key.repository';
import { AuditLogService } from '../../../core/audit/audit-log.service';
import { AccessLogPageDto, AccessLogQueryDto } from '../../../core/audit/dto/audit-query.dto';
import { RequestContext } from '../../../core/database/request-context';
import { CreatePersonDto, PersonDto, UpdatePersonDto } from './dto/person.dto';
import { PersonCodec, PersonFields } from './person-codec';
import { withRecordErrors } from './person-errors';
import { blindIndexEntries } from './person-matching';
import { personSearchTerms, searchToken, SearchToken } from './search-tokens';
import { PersonRepository, PersonWithKey } from './person.repository';
import { PersonErrorCode, PersonException } from './persons.exception';

/**
 * The person record, for the organisation that registered it. Another organisation's person answers
 * exactly like an id that does not exist (404); an erased one answers 410 to its own organisation.
 */
@Injectable()
export class PersonsService {
  constructor(
    private readonly persons: PersonRepository,
    private readonly dataKeys: DataKeyRepository,
    private readonly codec: PersonCodec,
    private readonly blindIndex: BlindIndex,
    private readonly requestContext: RequestContext,
    private readonly auditLog: AuditLogService,
  ) {}

  async create(actor: AuthenticatedUser, dto: CreatePersonDto): Promise<PersonDto> {
    const fields: PersonFields = {
      familyName: dto.familyName,
      givenName: dto.givenName,
      patronymic: dto.patronymic ?? null,
      dateOfBirth: dto.dateOfBirth ?? null,
      identityDocuments: dto.identityDocuments ?? [],
      phone: dto.phone ?? null,
      address: dto.address ?? null,
      notes: dto.notes ?? null,
    };
    const id = randomUUID();
    return this.persons.inTransaction(async () => {
      const key = await this.dataKeys.create();
      try {
        await this.persons.insert(
          {
            id,
            organisationId: actor.organisationId,
            registeredBy: actor.userId,
            dataKeyId: key.id,
            ...this.codec.seal(id, key, fields),
          },
          this.indexEntries(fields),
          this.searchTokens(fields),
        );
      } finally {
        key.plaintext.fill(0);
      }
      const saved = await this.requireOwn(actor, id);
      return this.returned(toPersonDto(saved, fields));
    });
  }

  async get(actor: AuthenticatedUser, id: string): Promise<PersonDto> {
    const person = await this.requireOwn(actor, id);
    return withRecordErrors(id, async () =>
      this.returned(
        toPersonDto(
          person,
          this.withKey(person, (key) => this.codec.open(person, key)),
        ),
      ),
    );
  }

  /** Who has opened this person's file: for the registering organisation's manager, erased or not. */
  async accessLog(actor: AuthenticatedUser, id: string, page: AccessLogQueryDto): Promise<AccessLogPageDto> {
    this.requestContext.recordAccess({ personIds: [id] });
    const person = await this.persons.findWithKey(id);
    if (!person || person.organisationId !== actor.organisationId) {
      throw new PersonException(PersonErrorCode.NotFound, 'No such person', 'id');
    }
    return this.auditLog.accessLog({ personId: id }, actor.organisationId, page);
  }

  async update(actor: AuthenticatedUser, id: string, dto: UpdatePersonDto): Promise<PersonDto> {
    return this.persons.inTransaction(async () => {
      const person = await this.requireOwn(actor, id, { lock: true });
      await this.requireNotHeldElsewhere(id);
      return withRecordErrors(id, async () => {
        const changes = definedFields(dto);
        const { fields, sealed } = this.withKey(person, (key) => ({
          fields: { ...this.codec.open(person, key), ...changes },
          sealed: this.codec.seal(id, key, changes),
        }));
        if (Object.keys(sealed).length > 0) {
          await this.persons.update(id, sealed);
          await this.persons.replaceBlindIndexes(id, this.indexEntries(fields), this.searchTokens(fields));
        }
        const saved = await this.requireOwn(actor, id);
        this.requestContext.recordAccess({ fields: Object.keys(changes).map((f) => `changed:${f}`) });
        return this.returned(toPersonDto(saved, fields));
      });
    });
  }

  /** Crypto-shredding: the data key and blind indexes are destroyed, the ciphertext cleared. */
  async erase(actor: AuthenticatedUser, id: string): Promise<void> {
    await this.persons.inTransaction(async () => {
      const person = await this.requireOwn(actor, id, { lock: true });
      await this.requireNotHeldElsewhere(id);
      await this.persons.markErased(id);
      await this.dataKeys.destroy(person.dataKeyId as string);
    });
  }

  /**
   * A person one of whose cases was transferred to another organisation is relied on there: the
   * registering organisation may then neither change nor erase it (409).
   */
  private async requireNotHeldElsewhere(id: string): Promise<void> {
    if (await this.persons.heldElsewhere(id)) {
      throw new PersonException(
        PersonErrorCode.HeldElsewhere,
        'Another organisation holds a case of this person; agree the change with it through the NRM coordinator',
        'id',
      );
    }
  }

  /** The caller's organisation's person, not erased; 404 for anything else, 410 once erased. */
  private async requireOwn(
    actor: AuthenticatedUser,
    id: string,
    options: { lock?: boolean } = {},
  ): Promise<PersonWithKey> {
    this.requestContext.recordAccess({ personIds: [id] });
    const person = await this.persons.findWithKey(id, options);
    if (!person || person.organisationId !== actor.organisationId) {
      throw new PersonException(PersonErrorCode.NotFound, 'No such person', 'id');
    }
    if (person.erasedAt) throw new PersonException(PersonErrorCode.Erased, 'This person was erased', 'id');
    return person;
  }

  /** Says, for the audit event, which view and which fields leave the service. */
  private returned(dto: PersonDto): PersonDto {
    this.requestContext.recordAccess({ personIds: [dto.id], view: 'full', fields: Object.keys(dto) });
    return dto;
  }

  private withKey<T>(person: PersonWithKey, work: (key: OpenDataKey) => T): T {
    const key = this.dataKeys.unwrap(person.dataKey);
    try {
      return work(key);
    } finally {
      key.plaintext.fill(0);
    }
  }

  private searchTokens(fields: PersonFields): SearchToken[] {
    return personSearchTerms({
      familyName: fields.familyName,
      givenName: fields.givenName,
      patronymic: fields.patronymic,
      phone: fields.phone,
      documentNumbers: fields.identityDocuments.map((d) => d.number),
    }).map((term) => searchToken(this.blindIndex, term));
  }

  private indexEntries(fields: PersonFields) {
    return blindIndexEntries(this.blindIndex, {
      familyName: fields.familyName,
      givenName: fields.givenName,
      dateOfBirth: fields.dateOfBirth,
      documentNumbers: fields.identityDocuments.map((d) => d.number),
    });
  }
}

/** The fields a PATCH sets (absent ones stay as they are). */
function definedFields(dto: UpdatePersonDto): Partial<PersonFields> {
  const changes = Object.fromEntries(Object.entries(dto).filter(([, value]) => value !== undefined));
  if (changes.identityDocuments === null) changes.identityDocuments = [];
  return changes as Partial<PersonFields>;
}

/** The one view of a person there is now: every field, for its own organisation. */
export function toPersonDto(person: PersonWithKey, fields: PersonFields): PersonDto {
  return {
    id: person.id,
    organisationId: person.organisationId,
    familyName: fields.familyName,
    givenName: fields.givenName,
    patronymic: fields.patronymic,
    dateOfBirth: fields.dateOfBirth,
    identityDocuments: fields.identityDocuments.map((d) => ({
      type: d.type,
      number: d.number,
      ...(d.issuingCountry ? { issuingCountry: d.issuingCountry } : {}),
    })),
    phone: fields.phone,
    address: fields.address,
    notes: fields.notes,
    createdAt: person.createdAt.toISOString(),
    updatedAt: person.updatedAt.toISOString(),
  };
}
