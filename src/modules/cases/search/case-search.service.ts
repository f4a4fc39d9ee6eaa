import { Injectable, Logger } from '@nestjs/common';
import type { AuthenticatedUser } from '../../../core/access/authenticated-user';
import { BlindIndex } from '../../../core/crypto/blind-index/blind-index';
import { IntegrityError } from '../../../core/crypto/crypto.errors';
import { DataKeyRepository } from '../../../core/crypto/data-key.repository';
import { KeyFileError } from '../../../core/crypto/key-file';
import { RequestContext } from '../../../core/database/request-context';
import { CaseAccess, CaseRepository, type CaseView, type CaseWithKeys } from '../case-records';
import {
  type EncryptedColumn,
  PersonCodec,
  type PersonFields,
  personSearchTerms,
  querySearchTerms,
  type SearchField,
  type SearchTerm,
  searchToken,
  termKey,
} from '../persons';
import { CASE_SEARCH_CONTENT, SEARCH_CANDIDATES } from './case-search.queries';
import { CaseSearchDto, CaseSearchHitDto, CaseSearchResultDto, SEARCH_LIMIT } from './dto/case-search.dto';
import { SearchErrorCode, SearchException } from './search.exception';

/**
 * Visible candidate cases read per result asked for, best ranked first: each is confirmed against its
 * decrypted record, so this bounds the decryption of a search (twice the page: truncation's
 * coincidences are dropped on the way; cases the caller does not see are skipped before reading).
 */
const CANDIDATES_PER_RESULT = 2;
const MAX_WORDS = 10;
const REFERENCE = /^TJ-\d{4}-\d{5}$/;

/**
 * What a caller may search by in each view: only fields the view shows, so that a search is never a
 * way to learn a field the view withholds (an investigator cannot find a case by its phone number).
 */
export const SEARCHABLE_IN_VIEW: Readonly<Record<CaseView, readonly SearchField[]>> = {
  full: ['name', 'phone', 'document'],
  referral: ['name', 'phone'],
  investigation: ['name', 'document'],
};

const COLUMNS_OF: Readonly<Record<SearchField, readonly EncryptedColumn[]>> = {
  name: ['familyName', 'givenName', 'patronymic'],
  phone: ['phone'],
  document: ['identityDocuments'],
};

/**
 * Search of the cases the caller may see, by names in any script, case reference, phone or document
 * number: exact matches of normalised words through the search's blind index, without decrypting
 * the caseload. Index hits are candidates (values are truncated), ranked by how many tokens they
 * hold; the best are decided by CaseAccess in the same statement until the page's candidates are
 * visible, and only the fields each view shows are read, decrypted and compared. Ranked by how many
 * searched words match. The audit event says how many words of which kinds, never which.
 */
@Injectable()
export class CaseSearchService {
  private readonly logger = new Logger('CaseSearch');

  constructor(
    private readonly access: CaseAccess,
    private readonly cases: CaseRepository,
    private readonly dataKeys: DataKeyRepository,
    private readonly codec: PersonCodec,
    private readonly blindIndex: BlindIndex,
    private readonly requestContext: RequestContext,
  ) {}

  async search(actor: AuthenticatedUser, dto: CaseSearchDto): Promise<CaseSearchResultDto> {
    const words = dto.query.trim().split(/\s+/);
    if (words.length > MAX_WORDS) {
      throw new SearchException(SearchErrorCode.TooManyWords, `Search for at most ${MAX_WORDS} words`, 'query');
    }
    const terms = querySearchTerms(dto.query);
    const references = [...new Set(words.map((w) => w.toUpperCase()).filter((w) => REFERENCE.test(w)))];
    if (terms.length === 0 && references.length === 0) {
      throw new SearchException(
        SearchErrorCode.NothingToSearch,
        'Give a name, a case reference, a phone or a document number',
        'query',
      );
    }
    const limit = dto.limit ?? SEARCH_LIMIT;
    const candidates = limit * CANDIDATES_PER_RESULT;
    const tokens = terms.map((term) => searchToken(this.blindIndex, term).value);
    // One statement: the index read, the ranking, the access decision of the best candidates (only
    // until `candidates` are visible) and the ciphertext their views show, as the request's role.
    const items = await this.access.listRanked<Record<string, unknown> | null>(
      actor,
      SEARCH_CANDIDATES,
      [tokens, references],
      candidates,
      CASE_SEARCH_CONTENT,
    );
    const decrypted: string[] = [];
    const found: CaseSearchHitDto[] = [];
    for (const { view, content } of items) {
      if (!content) continue; // decided visible, hidden by the policies: not there
      const row = this.cases.summaryFromContent(content);
      const hit = this.confirm(view, row, terms, references, decrypted);
      if (hit.matches > 0) found.push(hit);
    }
    found.sort((a, b) => b.matches - a.matches || a.reference.localeCompare(b.reference));
    const returned = found.slice(0, limit);
    this.requestContext.recordAccess({
      caseIds: returned.map((h) => h.id),
      personIds: decrypted,
      fields: returned.length > 0 ? Object.keys(returned[0]) : [],
      detail: {
        terms: terms.length,
        references: references.length,
        kinds: [...new Set(terms.map((t) => t.field))].sort(),
        candidatesDecrypted: decrypted.length,
        returned: returned.length,
        views: [...new Set(returned.map((h) => h.view))].sort(),
      },
    });
    return { items: returned, terms: terms.length + references.length };
  }

  /** How many searched words the case matches on fields its view shows; decrypts only those fields. */
  private confirm(
    view: CaseView,
    row: CaseWithKeys,
    terms: SearchTerm[],
    references: string[],
    decrypted: string[],
  ): CaseSearchHitDto {
    const searchable = SEARCHABLE_IN_VIEW[view];
    const person = row.person && !row.person.erasedAt ? row.person : null;
    const fields = person ? this.open(person, searchable.flatMap((f) => COLUMNS_OF[f])) : null;
    if (person && fields) decrypted.push(person.id);
    const held = new Set(
      fields
        ? personSearchTerms({
            familyName: fields.familyName,
            givenName: fields.givenName,
            patronymic: fields.patronymic,
            phone: searchable.includes('phone') ? fields.phone : null,
            documentNumbers: searchable.includes('document') ? (fields.identityDocuments ?? []).map((d) => d.number) : [],
          }).map(termKey)
        : [],
    );
    const matched = terms.filter((t) => searchable.includes(t.field) && held.has(termKey(t)));
    const byReference = references.includes(row.reference);
    return {
      id: row.id,
      view,
      reference: row.reference,
      stage: row.stage,
      traffickingStatus: row.traffickingStatus,
      familyName: fields?.familyName ?? null,
      givenName: fields?.givenName ?? null,
      matches: matched.length + (byReference ? 1 : 0),
      matchedOn: [...new Set<SearchField | 'reference'>([...matched.map((t) => t.field), ...(byReference ? ['reference' as const] : [])])],
    };
  }

  private open(person: NonNullable<CaseWithKeys['person']>, columns: EncryptedColumn[]): Partial<PersonFields> | null {
    let key;
    try {
      key = this.dataKeys.unwrap(person.dataKey);
      return this.codec.openOnly(person, key, columns);
    } catch (error) {
      // One damaged record must not stop the search for everyone; it is reported and left out.
      if (!(error instanceof IntegrityError || error instanceof KeyFileError)) throw error;
      this.logger.error(`person ${person.id} could not be compared (${error.message})`);
      return null;
    } finally {
      key?.plaintext.fill(0);
    }
  }
}
