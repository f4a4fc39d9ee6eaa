import { Injectable } from '@nestjs/common';
import { RequestContext } from '../../../core/database/request-context';
import { TraffickingEvent, TraffickingEventChange } from '../case-records';

/** The events of a case and their history, on the request's manager (under the caller's row-level security). */
@Injectable()
export class EventsRepository {
  constructor(private readonly requestContext: RequestContext) {}

  private get manager() {
    return this.requestContext.manager;
  }

  /** The events of case `caseId` that stand (not removed), as the case's views order them. */
  async current(caseId: string): Promise<TraffickingEvent[]> {
    return this.manager
      .getRepository(TraffickingEvent)
      .createQueryBuilder('e')
      .where('e.caseId = :caseId AND e.removedAt IS NULL', { caseId })
      .orderBy('e.occurredOn', 'ASC', 'NULLS LAST')
      .addOrderBy('e.createdAt', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .getMany();
  }

  /** Event `eventId` of case `caseId` (removed ones with `removed`), row-locked with `lock`. */
  async find(
    caseId: string,
    eventId: string,
    options: { lock?: boolean; removed?: boolean } = {},
  ): Promise<TraffickingEvent | null> {
    const query = this.manager
      .getRepository(TraffickingEvent)
      .createQueryBuilder('e')
      .where('e.id = :eventId AND e.caseId = :caseId', { eventId, caseId });
    if (!options.removed) query.andWhere('e.removedAt IS NULL');
    if (options.lock) query.setLock('pessimistic_write');
    return query.getOne();
  }

  async insert(event: TraffickingEvent): Promise<void> {
    await this.manager.getRepository(TraffickingEvent).insert(event);
  }

  /** Applies `changes` if the event is still at `version` and not removed; false when another change came first. */
  async updateAtVersion(eventId: string, version: number, changes: Partial<TraffickingEvent>): Promise<boolean> {
    const result = await this.manager
      .createQueryBuilder()
      .update(TraffickingEvent)
      .set({ ...changes, version: version + 1 })
      .where('id = :eventId AND version = :version AND removed_at IS NULL', { eventId, version })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  /** Every change of event `eventId`, oldest first. */
  async changesOf(eventId: string): Promise<TraffickingEventChange[]> {
    return this.manager
      .getRepository(TraffickingEventChange)
      .createQueryBuilder('h')
      .where('h.eventId = :eventId', { eventId })
      .orderBy('h.eventVersion', 'ASC')
      .getMany();
  }
}
