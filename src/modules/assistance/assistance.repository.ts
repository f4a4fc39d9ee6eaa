import { Injectable } from '@nestjs/common';
import { RequestContext } from '../../core/database/request-context';
import { AssistanceItem } from './entities/assistance-item.entity';

/**
 * assistance_item, always on the current request's manager (its transaction, with the caller set for
 * row-level security): rows the caller may not see are simply not there.
 */
@Injectable()
export class AssistanceRepository {
  constructor(private readonly requestContext: RequestContext) {}

  private get manager() {
    return this.requestContext.manager;
  }

  /** The case's items, oldest first; with `provider`, only the items that organisation provides. */
  async itemsOf(caseId: string, provider?: string): Promise<AssistanceItem[]> {
    const query = this.manager
      .getRepository(AssistanceItem)
      .createQueryBuilder('a')
      .where('a.caseId = :caseId', { caseId })
      .orderBy('a.createdAt', 'ASC')
      .addOrderBy('a.id', 'ASC');
    if (provider) query.andWhere('a.providerOrganisationId = :provider', { provider });
    return query.getMany();
  }

  /** One item of the case (with `provider`, only if that organisation provides it); `lock` row-locks it. */
  async findItem(
    caseId: string,
    itemId: string,
    options: { provider?: string; lock?: boolean } = {},
  ): Promise<AssistanceItem | null> {
    const query = this.manager
      .getRepository(AssistanceItem)
      .createQueryBuilder('a')
      .where('a.id = :itemId AND a.caseId = :caseId', { itemId, caseId });
    if (options.provider) query.andWhere('a.providerOrganisationId = :provider', { provider: options.provider });
    if (options.lock) query.setLock('pessimistic_write');
    return query.getOne();
  }

  async insert(item: AssistanceItem): Promise<void> {
    await this.manager.getRepository(AssistanceItem).insert(item);
  }

  /** Applies `changes` if the item is still at `version`; false when another change came first. */
  async updateAtVersion(id: string, version: number, changes: Partial<AssistanceItem>): Promise<boolean> {
    const result = await this.manager
      .createQueryBuilder()
      .update(AssistanceItem)
      .set({ ...changes, version: version + 1 })
      .where('id = :id AND version = :version', { id, version })
      .execute();
    return (result.affected ?? 0) === 1;
  }
}
