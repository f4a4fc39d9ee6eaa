import { Injectable, Logger } from '@nestjs/common';
import { AuthenticatedUser } from '../../../core/access/authenticated-user';
import { BlindIndex } from '../../../core/crypto/blind-index/blind-index';
import { IntegrityError } from '../../../core/crypto/crypto.errors';
import { DataKeyRepository } from '../../../core/crypto/data-key.repository';
import { RequestContext } from '../../../core/database/request-context';
import { KeyFileError } from '../../../core/crypto/key-file';
import { DuplicateCheckDto, DuplicateCheckResultDto, DuplicateOutcome } from './dto/duplicate-check.dto';
import { PersonCodec } from './person-codec';
import { blindIndexEntries, isSamePerson, MatchableIdentity } from './person-matching';
import { PersonRepository, PersonWithKey } from './person.repository';
import { PersonErrorCode, PersonException } from './persons.exception';

/** More candidates than this for one check means the blind indexes are mis-planned; the rest wait. */
const CANDIDATE_LIMIT = 500;

export const ELSEWHERE_MESSAGE = 'Possible match held by another organisation — contact the NRM coordinator';

/**
 * Duplicate detection across organisations. Blind indexes find candidates (most of them coincidences,
 * by design); each is decrypted and compared after the same normalisation; the answer is coarse and
 * says nothing of another organisation's record but that it may exist.
 */
@Injectable()
export class DuplicateCheckService {
  private readonly logger = new Logger('DuplicateCheck');

  constructor(
    private readonly persons: PersonRepository,
    private readonly dataKeys: DataKeyRepository,
    private readonly codec: PersonCodec,
    private readonly blindIndex: BlindIndex,
    private readonly requestContext: RequestContext,
  ) {}

  async check(actor: AuthenticatedUser, dto: DuplicateCheckDto): Promise<DuplicateCheckResultDto> {
    const searched: MatchableIdentity = {
      familyName: dto.familyName,
      givenName: dto.givenName,
      dateOfBirth: dto.dateOfBirth,
      documentNumbers: dto.documentNumbers ?? [],
    };
    const entries = blindIndexEntries(this.blindIndex, searched, { bothNameOrders: true });
    if (entries.length === 0) {
      throw new PersonException(
        PersonErrorCode.NothingToCompare,
        'Give a document number, or a family name, given name and date or year of birth',
        'body',
      );
    }
    const own: string[] = [];
    let elsewhere = false;
    const candidates = await this.persons.findCandidates(entries, CANDIDATE_LIMIT);
    for (const candidate of candidates) {
      if (!this.confirms(searched, candidate)) continue;
      if (candidate.organisationId === actor.organisationId) own.push(candidate.id);
      else elsewhere = true;
    }
    const result = toResult(own, elsewhere);
    // Every person whose record was decrypted to look for a match is named in the event, whoever holds it.
    this.requestContext.recordAccess({
      personIds: candidates.map((c) => c.id),
      detail: {
        outcome: result.outcome,
        candidatesDecrypted: candidates.length,
        indexes: entries.map((e) => e.indexName),
      },
    });
    return result;
  }

  private confirms(searched: MatchableIdentity, candidate: PersonWithKey): boolean {
    let key;
    try {
      key = this.dataKeys.unwrap(candidate.dataKey);
      const fields = this.codec.open(candidate, key);
      return isSamePerson(searched, {
        familyName: fields.familyName,
        givenName: fields.givenName,
        dateOfBirth: fields.dateOfBirth,
        documentNumbers: fields.identityDocuments.map((d) => d.number),
      });
    } catch (error) {
      // One damaged record must not stop the check for everyone; it is reported, and not counted.
      if (!(error instanceof IntegrityError || error instanceof KeyFileError)) throw error;
      this.logger.error(`person ${candidate.id} could not be compared (${error.message})`);
      return false;
    } finally {
      key?.plaintext.fill(0);
    }
  }
}

function toResult(own: string[], elsewhere: boolean): DuplicateCheckResultDto {
  if (own.length > 0) {
    return {
      outcome: DuplicateOutcome.OwnOrganisation,
      personIds: own,
      possibleMatchElsewhere: elsewhere,
      message: elsewhere
        ? `Already registered by your organisation. Also: ${ELSEWHERE_MESSAGE}`
        : 'Already registered by your organisation',
    };
  }
  if (elsewhere) {
    return { outcome: DuplicateOutcome.OtherOrganisation, possibleMatchElsewhere: true, message: ELSEWHERE_MESSAGE };
  }
  return { outcome: DuplicateOutcome.NoMatch, possibleMatchElsewhere: false, message: 'No match found' };
}
