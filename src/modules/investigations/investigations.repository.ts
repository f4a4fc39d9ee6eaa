import { Injectable } from '@nestjs/common';
import { EntityTarget, ObjectLiteral } from 'typeorm';
import { RequestContext } from '../../core/database/request-context';
import { Perpetrator } from './entities/perpetrator.entity';
import { Proceeding } from './entities/proceeding.entity';

/**
 * perpetrator and proceeding, on the current request's manager (its transaction, with the caller set
 * for row-level security): rows the caller may not see are not there.
 */
@Injectable()
export class InvestigationsRepository {
  constructor(private readonly requestContext: RequestContext) {}

  private get manager() {
    return this.requestContext.manager;
  }

  async perpetratorsOf(caseId: string): Promise<Perpetrator[]> {
    return this.manager.getRepository(Perpetrator).find({ where: { caseId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async proceedingsOf(caseId: string): Promise<Proceeding[]> {
    return this.manager
      .getRepository(Proceeding)
      .find({ where: { caseId }, order: { openedOn: 'ASC', createdAt: 'ASC', id: 'ASC' } });
  }

  /** Of `ids`, those that are not perpetrators of case `caseId`. */
  async unknownPerpetrators(caseId: string, ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows: Array<{ id: string }> = await this.manager.query(
      `SELECT id FROM perpetrator WHERE case_id = $1 AND id = ANY($2::uuid[])`,
      [caseId, ids],
    );
    const known = new Set(rows.map((r) => r.id));
    return ids.filter((id) => !known.has(id));
  }

  /** One record of the case, row-locked for a change. */
  async findForUpdate<T extends ObjectLiteral>(target: EntityTarget<T>, caseId: string, id: string): Promise<T | null> {
    return this.manager
      .getRepository(target)
      .createQueryBuilder('r')
      .where('r.id = :id AND r.caseId = :caseId', { id, caseId })
      .setLock('pessimistic_write')
      .getOne();
  }

  async insert<T extends ObjectLiteral>(target: EntityTarget<T>, record: T): Promise<void> {
    await this.manager.getRepository(target).insert(record);
  }

  /** Applies `changes` if the record is still at `version`; false when another change came first. */
  async updateAtVersion<T extends ObjectLiteral>(
    target: EntityTarget<T>,
    id: string,
    version: number,
    changes: Partial<T>,
  ): Promise<boolean> {
    const result = await this.manager
      .createQueryBuilder()
      .update(target)
      .set({ ...changes, version: version + 1 } as never)
      .where('id = :id AND version = :version', { id, version })
      .execute();
    return (result.affected ?? 0) === 1;
  }
}
