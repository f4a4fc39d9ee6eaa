import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BlindIndex } from '../../../core/crypto/blind-index/blind-index';
import { IntegrityError } from '../../../core/crypto/crypto.errors';
import { DataKeyRepository } from '../../../core/crypto/data-key.repository';
import { DataKey } from '../../../core/crypto/entities/data-key.entity';
import { KeyFileError } from '../../../core/crypto/key-file';
import { RequestContext } from '../../../core/database/request-context';
import { Person } from './entities/person.entity';
import { PersonCodec } from './person-codec';
import { blindIndexEntries } from './person-matching';
import { PersonRepository, PersonWithKey } from './person.repository';
import { personSearchTerms, searchToken } from './search-tokens';

export interface RebuildResult {
  persons: number;
  /** Persons whose record failed its check (or whose key is missing): left as they were, by id in the log. */
  failed: number;
}

/**
 * Rewrites every person's duplicate-check values and search tokens from the decrypted record, for
 * `npm run cli -- search:reindex` after the normalisation or the bit length changed. Runs as the
 * owner, in batches, each one transaction under the owner policies that hold only while
 * `panoh.definer_scope = 'search_reindex'` (migration CaseSearch); a batch that dies leaves the
 * persons before it rebuilt, and running it again starts over harmlessly.
 */
@Injectable()
export class PersonIndexRebuild {
  private readonly logger = new Logger('PersonIndexRebuild');

  constructor(
    private readonly dataSource: DataSource,
    private readonly persons: PersonRepository,
    private readonly dataKeys: DataKeyRepository,
    private readonly codec: PersonCodec,
    private readonly blindIndex: BlindIndex,
  ) {}

  async rebuild(batchSize: number, progress: (done: number) => void = () => undefined): Promise<RebuildResult> {
    let after = '00000000-0000-0000-0000-000000000000';
    const result: RebuildResult = { persons: 0, failed: 0 };
    for (;;) {
      const batch = await this.dataSource.transaction((manager) =>
        RequestContext.run({ manager }, async () => {
          await manager.query(`SELECT set_config('panoh.definer_scope', 'search_reindex', true)`);
          const rows = (await manager
            .getRepository(Person)
            .createQueryBuilder('p')
            .leftJoinAndMapOne('p.dataKey', DataKey, 'k', 'k.id = p.dataKeyId')
            .where('p.erasedAt IS NULL AND p.id > :after', { after })
            .orderBy('p.id')
            .limit(batchSize)
            .getMany()) as PersonWithKey[];
          for (const person of rows) {
            if (await this.rebuildOne(person)) result.persons++;
            else result.failed++;
          }
          return rows;
        }),
      );
      if (batch.length === 0) return result;
      after = batch[batch.length - 1].id;
      progress(result.persons);
    }
  }

  private async rebuildOne(person: PersonWithKey): Promise<boolean> {
    let key;
    let fields;
    try {
      key = this.dataKeys.unwrap(person.dataKey);
      fields = this.codec.open(person, key);
    } catch (error) {
      if (!(error instanceof IntegrityError || error instanceof KeyFileError)) throw error;
      this.logger.error(`person ${person.id} could not be re-indexed (${error.message})`);
      return false;
    } finally {
      key?.plaintext.fill(0);
    }
    const documentNumbers = fields.identityDocuments.map((d) => d.number);
    const entries = blindIndexEntries(this.blindIndex, { ...fields, documentNumbers });
    const tokens = personSearchTerms({ ...fields, documentNumbers }).map((t) => searchToken(this.blindIndex, t));
    await this.persons.replaceBlindIndexes(person.id, entries, tokens);
    return true;
  }
}
