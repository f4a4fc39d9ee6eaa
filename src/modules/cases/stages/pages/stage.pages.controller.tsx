import { Body, Get, Param, Post, Query, Redirect } from '@nestjs/common';
import type { AuthenticatedUser } from '../../../../core/access/authenticated-user';
import { CurrentUser } from '../../../../core/access/current-user.decorator';
import { Permission } from '../../../../core/access/permission';
import { RequirePermission } from '../../../../core/access/route-permission.decorator';
import { AuditAction } from '../../../../core/audit/audit-action';
import { Audited } from '../../../../core/audit/audited.decorator';
import { DomainException } from '../../../../core/http/domain.exception';
import { UuidParamPipe } from '../../../../core/http/validation';
import type { Choice, FormBody, FormErrors } from '../../../../core/web/forms';
import { text, validateAs } from '../../../../core/web/forms';
import type { Html } from '../../../../core/web/jsx';
import { jsx } from '../../../../core/web/jsx';
import { common } from '../../../../core/web/messages';
import type { PageContext, SeeOther } from '../../../../core/web/page';
import { Page, PageController, PageRefusal, seeOther } from '../../../../core/web/page';
import { OrganisationsService } from '../../../organisations';
import { CaseErrorCode, CaseException } from '../../case-records';
import { ChangeStageDto } from '../dto/change-stage.dto';
import { StageErrorCode, StageException } from '../stages.exception';
import { StagesService } from '../stages.service';
import { stageMessages } from './stage.messages';
import { StagePage } from './stage.page';

const uuid = new UuidParamPipe();
const DECISION_FIELDS = ['traffickingStatus', 'statusDecidedBy', 'decidingOrganisationId', 'reflectionWaived'];

/**
 * The stage of a case: where it stands, the steps the stage rules open to the caller, the status
 * decision and closure (the manager's). Over the API's StagesService, audited as the API's POST
 * /cases/:id/stage; the page itself reads the case's stage, audited as a reading of the case.
 */
@PageController('cases')
export class StagePagesController {
  constructor(
    private readonly stages: StagesService,
    private readonly organisations: OrganisationsService,
  ) {}

  @Get(':id/stage')
  @RequirePermission(Permission.CaseStageChange)
  @Audited(AuditAction.CaseViewed)
  async stage(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuid) id: string,
    @Query('done') done: unknown,
  ): Promise<Html> {
    const position = await this.stages.position(actor, id);
    const notice = done === 'moved' ? stageMessages.in(page.language)('moved') : undefined;
    return <StagePage page={page} position={position} organisations={await this.deciders()} notice={notice} />;
  }

  @Post(':id/stage')
  @RequirePermission(Permission.CaseStageChange)
  @Audited(AuditAction.CaseStageChanged)
  @Redirect()
  async change(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuid) id: string,
    @Body() body: FormBody,
  ): Promise<SeeOther> {
    const m = stageMessages.in(page.language);
    const t = common.in(page.language);
    const to = text(body, 'to');
    const sent = to === 'status_decided' || to === 'closed' ? to : 'move';
    const values = {
      to,
      reason: text(body, 'reason'),
      traffickingStatus: text(body, 'traffickingStatus'),
      statusDecidedBy: text(body, 'statusDecidedBy'),
      decidingOrganisationId: text(body, 'decidingOrganisationId'),
      reflectionWaived: text(body, 'reflectionWaived'),
      closureReason: text(body, 'closureReason'),
      confirm: text(body, 'confirm'),
    };
    // The form again, with the case as it stands now (its version may have moved on); reading it
    // answers 404 (or 403) first for a case the caller may not move, as the change itself would.
    const refuse = async (status: number, errors: FormErrors, notice?: string): Promise<PageRefusal> =>
      new PageRefusal(
        status,
        (
          <StagePage
            page={page}
            position={await this.stages.position(actor, id)}
            organisations={await this.deciders()}
            sent={sent}
            values={values}
            errors={errors}
            notice={notice}
          />
        ),
      );
    const version = text(body, 'version');
    const form = await validateAs(
      ChangeStageDto,
      {
        to: to ?? '',
        version: version && /^\d{1,9}$/.test(version) ? Number(version) : version,
        reason: values.reason ?? '',
        traffickingStatus: values.traffickingStatus,
        statusDecidedBy: values.statusDecidedBy,
        decidingOrganisationId: values.decidingOrganisationId,
        reflectionWaived: values.reflectionWaived === 'yes' ? true : values.reflectionWaived,
        closureReason: values.closureReason,
      },
      page.language,
    );
    if ('errors' in form) throw await refuse(400, form.errors);
    if (to === 'closed' && values.confirm !== 'yes') {
      throw await refuse(400, { confirm: m('close_needs_tick') });
    }
    try {
      await this.stages.change(actor, id, form.value);
    } catch (error) {
      if (error instanceof CaseException && error.code === CaseErrorCode.VersionConflict) {
        throw await refuse(error.status, {}, m('changed_meanwhile'));
      }
      if (!(error instanceof DomainException) || !error.field) throw error;
      const field = error.field;
      if (error instanceof StageException && error.code === StageErrorCode.TransitionNotAllowed) {
        throw await refuse(error.status, { to: m('move_not_allowed') });
      }
      if (error instanceof StageException && error.code === StageErrorCode.ReflectionPeriod) {
        const ends = (await this.stages.position(actor, id)).reflectionEndsOn ?? '';
        throw await refuse(error.status, { reflectionWaived: m('reflection_running', { day: ends }) });
      }
      if (error instanceof StageException && error.code === StageErrorCode.ClosureReason) {
        throw await refuse(error.status, { closureReason: m('closure_reason_needed') });
      }
      if (error instanceof StageException && DECISION_FIELDS.includes(field)) {
        throw await refuse(error.status, { [field]: to === 'status_decided' ? m('decision_needed') : m('decision_only') });
      }
      throw await refuse(error.status, { [field]: t('field_not_a_choice') });
    }
    return seeOther(`/ui/cases/${id}/stage?done=moved`);
  }

  /** The organisations that may have decided a status: any (organisations are not victim data). */
  private async deciders(): Promise<Choice[]> {
    return (await this.organisations.list()).map((o) => ({ value: o.id, label: o.name }));
  }
}
