import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '../../../core/access/authenticated-user';
import { RequestContext } from '../../../core/database/request-context';
import { INDICATOR_LISTS } from '../code-lists';
import { CaseAccess, OWNER_ONLY } from './case-access.service';
import { CaseRepository } from './case.repository';
import { ScreeningView, toScreeningView } from './case-views';
import { CaseErrorCode, CaseException } from './cases.exception';
import { RecordScreeningDto } from './dto/screening.dto';
import { Screening } from './entities/screening.entity';

/** Screenings of a case, recorded by the owning organisation against a versioned indicator list. */
@Injectable()
export class ScreeningsService {
  constructor(
    private readonly cases: CaseRepository,
    private readonly access: CaseAccess,
    private readonly requestContext: RequestContext,
  ) {}

  async record(actor: AuthenticatedUser, caseId: string, dto: RecordScreeningDto): Promise<ScreeningView> {
    await this.access.require(actor, caseId, { ...OWNER_ONLY, lock: 'share' });
    const list = INDICATOR_LISTS.find((l) => l.id === dto.indicatorList);
    if (!list) throw new CaseException(CaseErrorCode.UnknownIndicator, 'No such indicator list', 'indicatorList');
    // Named by position, never by the text sent: it may be anything, a person's name included.
    const unknown = dto.indicators.flatMap((code, index) =>
      list.indicators.includes(code) ? [] : [`indicators[${index}]`],
    );
    if (unknown.length > 0) {
      throw new CaseException(
        CaseErrorCode.UnknownIndicator,
        `Not an indicator of ${list.id}: ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ', …' : ''}`,
        unknown[0],
      );
    }
    if ((dto.result === 'no_indicators') !== (dto.indicators.length === 0)) {
      throw new CaseException(
        CaseErrorCode.UnknownIndicator,
        'A result of no_indicators lists no indicators, and any other result lists at least one',
        'result',
      );
    }
    const screening: Screening = {
      id: randomUUID(),
      caseId,
      ownerOrganisationId: actor.organisationId,
      indicatorList: list.id,
      indicatorListVersion: list.version,
      indicators: [...dto.indicators],
      result: dto.result,
      screenedBy: actor.userId,
      screenedAt: new Date(),
    };
    await this.cases.insertScreening(screening);
    this.requestContext.recordAccess({
      detail: { screeningId: screening.id, indicatorList: list.id, version: list.version, result: dto.result },
    });
    return toScreeningView(screening);
  }
}
