import { AuditLogService } from '../../../core/audit/audit-log.service';
import { AccessLogPageDto, AccessLogQueryDto } from '../../../core/audit/dto/audit-query.dto';
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { nrmConfig } from '../../../core/config';
import type { AuthenticatedUser } from '../../../core/access/authenticated-user';
import { IntegrityError } from '../../../core/crypto/crypto.errors';
import { recordErrorOf } from '../../../core/crypto/record-errors';
import { DataKeyRepository } from '../../../core/crypto/data-key.repository';
import { RequestContext } from '../../../core/database/request-context';
import { PersonCodec } from '../persons';
import { PersonRepository } from '../persons';
import { PersonErrorCode, PersonException } from '../persons';
import { PersonsService } from '../persons';
import { CaseAccess, CaseView, OWNER_ONLY } from './case-access.service';
import { CaseCodec, CaseFields } from './case-codec';
import { CaseHistory } from './case-history';
import { EVENT_CHANGE_TABLE, EventChanges, eventChange } from './event-changes';
import { CaseOwners } from './case-owners';
import { CaseSealer } from './case-sealer';
import { CASE_SUMMARY_CONTENT, CaseRepository, CaseWithKeys } from './case.repository';
import {
  CaseInClear,
  CaseSummary,
  CaseViewDto,
  ConsentView,
  ScreeningView,
  toConsentView,
  toScreeningView,
  fieldNames,
  toSummary,
  toView,
  VIEW_CASE_FIELDS,
  VIEW_SHOWS_CITIES,
  VIEW_SHOWS_EVENT_DESCRIPTIONS,
} from './case-views';
import { CaseErrorCode, CaseException, caseNotFound, caseRecordFailure } from './cases.exception';
import { CaseListQueryDto, ChangeCaseOwnerDto, CreateCaseDto, UpdateCaseDto } from './dto/case.dto';
import { Consent } from './entities/consent.entity';
import { Screening } from './entities/screening.entity';
import { TraffickingEvent } from './entities/trafficking-event.entity';
import { VictimCase } from './entities/victim-case.entity';

const DEFAULT_PAGE = 50;

/** A case as a page acting on it shows it: nothing decrypted. */
export interface CaseOutline {
  id: string;
  reference: string;
  stage: string;
  traffickingStatus: string;
  version: number;
  stageChangedAt: string;
  /** The person was erased: the case is left without a name. */
  personErased: boolean;
  consents: ConsentView[];
  screenings: ScreeningView[];
}

export interface CasePage {
  items: CaseSummary[];
  total: number;
  limit: number;
  offset: number;
}

/**
 * Victim cases. Which case a caller may see, and in which view, is CaseAccess's decision alone; this
 * service decrypts only what that view shows and builds the answer with the view's function.
 */
@Injectable()
export class CasesService {
  constructor(
    private readonly cases: CaseRepository,
    private readonly access: CaseAccess,
    private readonly persons: PersonsService,
    private readonly personRecords: PersonRepository,
    private readonly dataKeys: DataKeyRepository,
    private readonly keys: CaseSealer,
    private readonly history: CaseHistory,
    private readonly caseCodec: CaseCodec,
    private readonly personCodec: PersonCodec,
    private readonly requestContext: RequestContext,
    private readonly auditLog: AuditLogService,
    private readonly eventChanges: EventChanges,
    private readonly owners: CaseOwners,
    @Inject(nrmConfig.KEY) private readonly nrm: ConfigType<typeof nrmConfig>,
  ) {}

  /** Who has opened this case: for the owning organisation's manager. */
  async accessLog(actor: AuthenticatedUser, id: string, page: AccessLogQueryDto): Promise<AccessLogPageDto> {
    await this.access.require(actor, id, OWNER_ONLY);
    return this.auditLog.accessLog({ caseId: id }, actor.organisationId, page);
  }

  /**
   * Who opened any case of the caller's organisation, newest first, with each case's reference: the
   * manager's view over all its files (owner only, as a single case's log is).
   */
  async organisationAccessLog(
    actor: AuthenticatedUser,
    page: AccessLogQueryDto,
  ): Promise<AccessLogPageDto & { references: Map<string, string> }> {
    const references = await this.cases.referencesOwnedBy(actor.organisationId);
    const log = await this.auditLog.accessLog({ caseIds: [...references.keys()] }, actor.organisationId, page);
    return { ...log, references };
  }

  async create(actor: AuthenticatedUser, dto: CreateCaseDto): Promise<CaseViewDto> {
    return this.personRecords.inTransaction(async () => {
      const personId = dto.person
        ? (await this.persons.create(actor, dto.person)).id
        : await this.ownPerson(actor, dto);
      const ownerUserId = dto.ownerUserId ?? actor.userId;
      if (dto.ownerUserId !== undefined) await this.owners.requireEligible(actor.organisationId, ownerUserId);
      const id = randomUUID();
      const registeredOn = dto.registeredOn ?? new Date().toISOString().slice(0, 10);
      const key = await this.dataKeys.create();
      try {
        await this.cases.insert({
          id,
          reference: await this.cases.nextReference(new Date().getUTCFullYear()),
          organisationId: actor.organisationId,
          personId,
          dataKeyId: key.id,
          createdBy: actor.userId,
          ownerUserId,
          stage: 'identified',
          traffickingStatus: 'PossibleVictimOfTrafficking',
          registeredOn,
          ...codesOf(dto),
          ...citizenshipsOf(dto, []),
          exploitationTypes: dto.exploitationTypes ?? [],
          meansOfControl: dto.meansOfControl ?? [],
          recruitmentMethods: dto.recruitmentMethods ?? [],
          sexExploitationTypes: dto.sexExploitationTypes ?? [],
          accompanyingChildrenAgeBands: dto.accompanyingChildrenAgeBands ?? [],
          ...this.caseCodec.seal(id, key, encryptedOf(dto)),
        });
        const now = new Date();
        const events = (dto.events ?? []).map((event) => {
          const eventId = randomUUID();
          const row: TraffickingEvent = {
            id: eventId,
            caseId: id,
            ownerOrganisationId: actor.organisationId,
            type: event.type as TraffickingEvent['type'],
            occurredOn: event.occurredOn ?? null,
            country: event.country ?? null,
            city: event.city ? this.caseCodec.sealCity(eventId, key, event.city) : null,
            description: this.caseCodec.withSealer(key, 'trafficking_event', (s) =>
              s.seal('description', eventId, event.description ?? null),
            ),
            createdBy: actor.userId,
            createdAt: now,
            version: 1,
            updatedBy: null,
            updatedAt: null,
            removedBy: null,
            removedAt: null,
          };
          return { row, city: event.city ?? null, description: event.description ?? null };
        });
        // Each event's history starts at the opening, as it will go on: one row per change.
        const changes = this.caseCodec.withSealer(key, EVENT_CHANGE_TABLE, (sealer) =>
          events.map(({ row, city, description }) =>
            eventChange(sealer, row, { kind: 'added', city, description, reason: null, by: actor.userId, at: now }),
          ),
        );
        await this.cases.insertEvents(events.map((e) => e.row));
        await this.eventChanges.append(...changes);
      } finally {
        key.plaintext.fill(0);
      }
      await this.history.opened(id, actor);
      return this.get(actor, id);
    });
  }

  /** The case in the caller's view: decided, read and checked against row-level security in one statement. */
  async get(actor: AuthenticatedUser, id: string): Promise<CaseViewDto> {
    const { view, content } = await this.access.require(actor, id, { read: 'content' });
    const read = this.cases.caseFromContent(content);
    return this.viewOf(view, read.record, read);
  }

  /**
   * The support plan's objectives and action plan in clear with the case's version, for the owner's
   * full view; null (nothing decrypted) for any other view of the case.
   */
  async supportPlanTexts(actor: AuthenticatedUser, id: string): Promise<SupportPlanTexts | null> {
    const { view, content } = await this.access.require(actor, id, { read: 'content' });
    if (view !== 'full') return null;
    const { record } = this.cases.caseFromContent(content);
    const only = ['supportObjectives', 'actionPlan'] as const;
    const fields = this.keys.open(id, record.dataKey, (key) => this.caseCodec.open(record, key, only));
    this.requestContext.recordAccess({ caseIds: [id], view: 'full', fields: [...only] });
    return { version: record.version, supportObjectives: fields.supportObjectives, actionPlan: fields.actionPlan };
  }

  /**
   * What a page acting on a case shows of it, decrypting nothing: its reference, codes, version and
   * the consents and screenings recorded. For the owning organisation only (403 for a share, 404 for
   * a case the caller does not see).
   */
  async outline(actor: AuthenticatedUser, id: string): Promise<CaseOutline> {
    const { content } = await this.access.require(actor, id, { ...OWNER_ONLY, read: 'content' });
    const { record, consents, screenings } = this.cases.caseFromContent(content);
    const outline: CaseOutline = {
      id: record.id,
      reference: record.reference,
      stage: record.stage,
      traffickingStatus: record.traffickingStatus,
      version: record.version,
      stageChangedAt: record.stageChangedAt.toISOString(),
      personErased: Boolean(record.person?.erasedAt),
      consents: consents.map(toConsentView),
      screenings: screenings.map(toScreeningView),
    };
    this.requestContext.recordAccess({ caseIds: [id], view: 'full', fields: Object.keys(outline) });
    return outline;
  }

  /** The person of case `id`, to erase them: for the owning organisation, the case row-locked meanwhile. */
  async personOf(actor: AuthenticatedUser, id: string): Promise<string> {
    const { record } = await this.access.require(actor, id, { ...OWNER_ONLY, read: 'record' });
    return record.personId;
  }

  /** A page of summaries: decided and read in one statement; only the person's names are decrypted. */
  async list(actor: AuthenticatedUser, query: CaseListQueryDto): Promise<CasePage> {
    const limit = query.limit ?? DEFAULT_PAGE;
    const offset = query.offset ?? 0;
    const { items, total } = await this.access.listVisible<Record<string, unknown> | null>(
      actor,
      {
        stage: query.stage,
        traffickingStatus: query.status,
        registeredFrom: query.registeredFrom,
        registeredTo: query.registeredTo,
        ownerUserId: query.mine === 'true' ? actor.userId : undefined,
      },
      { limit, offset },
      CASE_SUMMARY_CONTENT,
    );
    const rows = items.map(({ id, view, content }) => ({
      id,
      view,
      row: this.cases.summaryFromContent(required(content)),
    }));
    const summaries = rows.map(({ view, row }) =>
      // An erased person leaves the case listed without a name, rather than failing the whole page.
      toSummary(view, row, row.person?.erasedAt ? null : this.openNames(row)),
    );
    this.requestContext.recordAccess({
      caseIds: summaries.map((s) => s.id),
      personIds: rows.map(({ row }) => row.personId),
      fields: summaries.length > 0 ? Object.keys(summaries[0]) : [],
      detail: { returned: summaries.length, total, views: [...new Set(items.map((i) => i.view))].sort() },
    });
    return { items: summaries, total, limit, offset };
  }

  async update(actor: AuthenticatedUser, id: string, dto: UpdateCaseDto): Promise<CaseViewDto> {
    return this.personRecords.inTransaction(async () => {
      const { record } = await this.access.require(actor, id, {
        ...OWNER_ONLY,
        refusal: () =>
          new CaseException(CaseErrorCode.ReadOnly, 'Only the organisation that owns this case may change it'),
        read: 'record',
      });
      if (record.version !== dto.version) throw staleVersion();
      const changes: Partial<VictimCase> = { ...codesOf(dto), ...citizenshipsOf(dto, record.citizenships) };
      if (dto.exploitationTypes !== undefined) changes.exploitationTypes = dto.exploitationTypes;
      if (dto.meansOfControl !== undefined) changes.meansOfControl = dto.meansOfControl;
      if (dto.recruitmentMethods !== undefined) changes.recruitmentMethods = dto.recruitmentMethods;
      if (dto.sexExploitationTypes !== undefined) changes.sexExploitationTypes = dto.sexExploitationTypes;
      if (dto.accompanyingChildrenAgeBands !== undefined)
        changes.accompanyingChildrenAgeBands = dto.accompanyingChildrenAgeBands;
      const encrypted = encryptedOf(dto);
      if (Object.keys(encrypted).length > 0) {
        Object.assign(
          changes,
          this.keys.open(id, record.dataKey, (key) => this.caseCodec.seal(id, key, encrypted)),
        );
      }
      if (!(await this.cases.updateAtVersion(id, dto.version, changes))) throw staleVersion();
      this.requestContext.recordAccess({
        fields: Object.keys(changes).map((f) => `changed:${f}`),
      });
      return this.get(actor, id);
    });
  }

  /**
   * Gives the case another owner inside its organisation (the manager's decision): an active
   * caseworker or manager of the organisation, else 422 naming `ownerUserId`.
   */
  async changeOwner(actor: AuthenticatedUser, id: string, dto: ChangeCaseOwnerDto): Promise<CaseViewDto> {
    const { record } = await this.access.require(actor, id, { ...OWNER_ONLY, read: 'record' });
    await this.owners.requireEligible(record.organisationId, dto.ownerUserId);
    if (record.ownerUserId !== dto.ownerUserId) await this.cases.setOwner(id, dto.ownerUserId);
    this.requestContext.recordAccess({
      fields: ['changed:ownerUserId'],
      detail: { fromOwner: record.ownerUserId, toOwner: dto.ownerUserId },
    });
    return this.get(actor, id);
  }

  /** Decrypts what `view` shows of the case and its person, and builds the view; records what left. */
  viewOf(
    view: CaseView,
    row: CaseWithKeys,
    related: { consents: Consent[]; screenings: Screening[]; events: TraffickingEvent[] },
  ): CaseViewDto {
    const { fields, cities, descriptions } = this.keys.open(row.id, row.dataKey, (key) => ({
      fields: this.caseCodec.open(row, key, VIEW_CASE_FIELDS[view]),
      cities: VIEW_SHOWS_CITIES[view] ? this.caseCodec.openCities(related.events, key) : [],
      descriptions: VIEW_SHOWS_EVENT_DESCRIPTIONS[view] ? this.caseCodec.openDescriptions(related.events, key) : [],
    }));
    const inClear: CaseInClear = {
      record: row,
      fields,
      personId: row.personId,
      person: this.openPerson(row),
      consents: related.consents,
      screenings: related.screenings,
      events: related.events.map((e, i) => ({
        id: e.id,
        type: e.type,
        occurredOn: e.occurredOn,
        country: e.country,
        city: cities[i] ?? null,
        description: descriptions[i] ?? null,
      })),
    };
    return this.returned(view, inClear);
  }

  private returned(view: CaseView, inClear: CaseInClear): CaseViewDto {
    const dto = toView(view, inClear, this.nrm.reflectionPeriodDays);
    this.requestContext.recordAccess({
      caseIds: [inClear.record.id],
      personIds: [inClear.personId],
      view,
      fields: fieldNames(dto),
    });
    return dto;
  }

  /** The person's names only, for a summary. */
  private openNames(row: CaseWithKeys) {
    const person = row.person;
    if (!person) throw noPerson(row.id);
    return this.keys.open(row.id, person.dataKey, (key) => this.personCodec.openNames(person, key));
  }

  private openPerson(row: CaseWithKeys) {
    const person = row.person;
    if (!person) throw noPerson(row.id);
    if (person.erasedAt) throw new CaseException(CaseErrorCode.PersonErased, "This case's person was erased", 'id');
    return this.keys.open(row.id, person.dataKey, (key) => this.personCodec.open(person, key));
  }

  /** A person the caller's organisation registered, not erased; 404 naming personId otherwise. */
  private async ownPerson(actor: AuthenticatedUser, dto: CreateCaseDto): Promise<string> {
    const person = await this.personRecords.findWithKey(dto.personId as string);
    if (!person || person.organisationId !== actor.organisationId || person.erasedAt) {
      throw new PersonException(PersonErrorCode.NotFound, 'No such person', 'personId');
    }
    this.requestContext.recordAccess({ personIds: [person.id] });
    return person.id;
  }
}

function required<T>(row: T | null | undefined): T {
  // Visible to CaseAccess but not to the row-level-security policies: answer as for no case at all.
  if (!row) throw caseNotFound();
  return row;
}

function staleVersion(): CaseException {
  return new CaseException(
    CaseErrorCode.VersionConflict,
    'The case was changed since you read it; read it again and reapply your change',
    'version',
  );
}

/** A case whose person cannot be read: a damaged record, answered as one. */
function noPerson(caseId: string): unknown {
  return recordErrorOf(new IntegrityError('the case has no readable person'), `case ${caseId}`, caseRecordFailure);
}

/** The support plan's objectives and action plan, as the support plan's page shows and changes them. */
export interface SupportPlanTexts {
  version: number;
  supportObjectives: string | null;
  actionPlan: string | null;
}

type CodeChanges = Pick<
  VictimCase,
  | 'gender'
  | 'ageBand'
  | 'citizenship'
  | 'regionOfOrigin'
  | 'countryOfExploitation'
  | 'labourSector'
  | 'referringOrganisationType'
  | 'incomingReferralDate'
  | 'incomingReferralReason'
  | 'accompanyingChildren'
  | 'accompanyingDependants'
>;

/** The single-valued codes the request sets (absent: unchanged; null: cleared). */
function codesOf(dto: CreateCaseDto | UpdateCaseDto): Partial<CodeChanges> {
  const names = [
    'gender',
    'ageBand',
    'citizenship',
    'regionOfOrigin',
    'countryOfExploitation',
    'labourSector',
    'referringOrganisationType',
    'incomingReferralDate',
    'incomingReferralReason',
    'accompanyingChildren',
    'accompanyingDependants',
  ] as const;
  return Object.fromEntries(names.filter((n) => dto[n] !== undefined).map((n) => [n, dto[n]])) as Partial<CodeChanges>;
}

/**
 * The citizenships a change leaves, the first of them as `citizenship` (what the statistics count):
 * a list given is kept, with `citizenship` (validated to be in it) first; `citizenship` alone becomes
 * the first and keeps the others (null clears them all).
 */
function citizenshipsOf(
  dto: CreateCaseDto | UpdateCaseDto,
  current: readonly string[],
): Partial<Pick<VictimCase, 'citizenship' | 'citizenships'>> {
  if (dto.citizenships === undefined && dto.citizenship === undefined) return {};
  const first = dto.citizenship ?? dto.citizenships?.[0] ?? null;
  const rest = (dto.citizenships ?? current).filter((c) => c !== first);
  const citizenships = first === null ? [] : [first, ...rest];
  return { citizenship: citizenships[0] ?? null, citizenships };
}

function encryptedOf(dto: CreateCaseDto | UpdateCaseDto): Partial<CaseFields> {
  const names = [
    'narrative',
    'shelterLocation',
    'healthNotes',
    'psychosocialNotes',
    'referringOrganisationName',
    'incomingReferralDetails',
    'supportObjectives',
    'actionPlan',
  ] as const;
  return Object.fromEntries(names.filter((n) => dto[n] !== undefined).map((n) => [n, dto[n]])) as Partial<CaseFields>;
}
