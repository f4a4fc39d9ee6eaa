import { Body, Get, Param, Post, Query, Redirect } from '@nestjs/common';
import type { AuthenticatedUser } from '../../../../core/access/authenticated-user';
import { CurrentUser } from '../../../../core/access/current-user.decorator';
import { Permission } from '../../../../core/access/permission';
import { RequirePermission } from '../../../../core/access/route-permission.decorator';
import { AuditAction } from '../../../../core/audit/audit-action';
import { Audited } from '../../../../core/audit/audited.decorator';
import { UuidParamPipe } from '../../../../core/http/validation';
import type { FormBody, FormErrors, FormValues } from '../../../../core/web/forms';
import { text, validateAs } from '../../../../core/web/forms';
import type { Html } from '../../../../core/web/jsx';
import { jsx } from '../../../../core/web/jsx';
import type { PageContext, SeeOther } from '../../../../core/web/page';
import { Page, PageController, PageRefusal, seeOther } from '../../../../core/web/page';
import { AddEventDto, CorrectEventDto, RemoveEventDto } from '../dto/event.dto';
import { EventErrorCode, EventException } from '../events.exception';
import { EventsService } from '../events.service';
import { eventMessages } from './events.messages';
import { EventPage, EventsPage } from './events.page';

const uuid = new UuidParamPipe();
const NOTICES = ['added', 'corrected', 'removed'] as const;

/**
 * The events of a case, for the owning organisation: the list and the form to add one; each event's
 * page with its correction and removal forms and its history. Over the API's EventsService, with the
 * permissions and audit actions of the routes of /cases/:id/events.
 */
@PageController('cases')
export class EventsPagesController {
  constructor(private readonly events: EventsService) {}

  @Get(':id/events')
  @RequirePermission(Permission.CaseRead)
  @Audited(AuditAction.EventsListed)
  async list(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuid) id: string,
    @Query('done') done: unknown,
  ): Promise<Html> {
    const notice = NOTICES.find((n) => n === done);
    return this.renderList(page, actor, id, { notice: notice ? eventMessages.in(page.language)(notice) : undefined });
  }

  @Post(':id/events')
  @RequirePermission(Permission.CaseWrite)
  @Audited(AuditAction.EventAdded)
  @Redirect()
  async add(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuid) id: string,
    @Body() body: FormBody,
  ): Promise<SeeOther> {
    const values = eventValues(body);
    const form = await validateAs(
      AddEventDto,
      {
        type: values.type ?? '',
        occurredOn: values.occurredOn,
        country: values.country,
        city: values.city,
        description: values.description,
      },
      page.language,
    );
    if ('errors' in form) {
      throw new PageRefusal(400, await this.renderList(page, actor, id, { values, errors: form.errors }));
    }
    await this.events.add(actor, id, form.value);
    return seeOther(`/ui/cases/${id}/events?done=added`);
  }

  @Get(':id/events/:eventId')
  @RequirePermission(Permission.CaseHistoryRead)
  @Audited(AuditAction.EventHistoryViewed)
  async event(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuid) id: string,
    @Param('eventId', uuid) eventId: string,
    @Query('done') done: unknown,
  ): Promise<Html> {
    const notice = NOTICES.find((n) => n === done);
    return this.renderEvent(page, actor, id, eventId, {
      notice: notice ? eventMessages.in(page.language)(notice) : undefined,
    });
  }

  @Post(':id/events/:eventId')
  @RequirePermission(Permission.CaseWrite)
  @Audited(AuditAction.EventCorrected)
  @Redirect()
  async correct(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuid) id: string,
    @Param('eventId', uuid) eventId: string,
    @Body() body: FormBody,
  ): Promise<SeeOther> {
    const values = { ...eventValues(body), reason: text(body, 'reason') };
    const form = await validateAs(
      CorrectEventDto,
      {
        version: versionOf(body),
        type: values.type ?? '',
        occurredOn: values.occurredOn ?? null,
        country: values.country ?? null,
        city: values.city ?? null,
        description: values.description ?? null,
        reason: values.reason,
      },
      page.language,
    );
    if ('errors' in form) {
      throw new PageRefusal(400, await this.renderEvent(page, actor, id, eventId, { values, errors: form.errors }));
    }
    await this.refusingStale(page, actor, id, eventId, () => this.events.correct(actor, id, eventId, form.value));
    return seeOther(`/ui/cases/${id}/events/${eventId}?done=corrected`);
  }

  @Post(':id/events/:eventId/remove')
  @RequirePermission(Permission.CaseWrite)
  @Audited(AuditAction.EventRemoved)
  @Redirect()
  async remove(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuid) id: string,
    @Param('eventId', uuid) eventId: string,
    @Body() body: FormBody,
  ): Promise<SeeOther> {
    const form = await validateAs(
      RemoveEventDto,
      { version: versionOf(body), reason: text(body, 'removalReason') ?? '' },
      page.language,
      (field) => (field === 'reason' ? 'removalReason' : field),
    );
    if ('errors' in form) {
      throw new PageRefusal(400, await this.renderEvent(page, actor, id, eventId, { errors: form.errors }));
    }
    await this.refusingStale(page, actor, id, eventId, () => this.events.remove(actor, id, eventId, form.value));
    return seeOther(`/ui/cases/${id}/events?done=removed`);
  }

  /** A change that raced another answers 409 with the event as it is now, and says so. */
  private async refusingStale(
    page: PageContext,
    actor: AuthenticatedUser,
    caseId: string,
    eventId: string,
    change: () => Promise<unknown>,
  ): Promise<void> {
    try {
      await change();
    } catch (error) {
      if (!(error instanceof EventException) || error.code !== EventErrorCode.VersionConflict) throw error;
      const notice = eventMessages.in(page.language)('stale');
      throw new PageRefusal(409, await this.renderEvent(page, actor, caseId, eventId, { notice }));
    }
  }

  private async renderList(
    page: PageContext,
    actor: AuthenticatedUser,
    caseId: string,
    extra: { notice?: string; values?: FormValues; errors?: FormErrors },
  ): Promise<Html> {
    const events = await this.events.list(actor, caseId);
    return <EventsPage page={page} caseId={caseId} events={events} {...extra} />;
  }

  private async renderEvent(
    page: PageContext,
    actor: AuthenticatedUser,
    caseId: string,
    eventId: string,
    extra: { notice?: string; values?: FormValues; errors?: FormErrors },
  ): Promise<Html> {
    const { event, changes } = await this.events.history(actor, caseId, eventId);
    return <EventPage page={page} caseId={caseId} event={event} changes={changes} {...extra} />;
  }
}

interface EventValues {
  [name: string]: string | undefined;
  type: string | undefined;
  occurredOn: string | undefined;
  country: string | undefined;
  city: string | undefined;
  description: string | undefined;
}

function eventValues(body: FormBody): EventValues {
  return {
    type: text(body, 'type'),
    occurredOn: text(body, 'occurredOn'),
    country: text(body, 'country'),
    city: text(body, 'city'),
    description: text(body, 'description'),
  };
}

/** The version the form was read at; anything but digits is left for the validation to name. */
function versionOf(body: FormBody): unknown {
  const version = text(body, 'version') ?? '';
  return /^\d{1,9}$/.test(version) ? Number(version) : version;
}
