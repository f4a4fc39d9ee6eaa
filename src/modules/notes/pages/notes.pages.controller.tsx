import { Body, Get, Inject, Param, Post, Query, Redirect } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { AuthenticatedUser } from '../../../core/access/authenticated-user';
import { CurrentUser } from '../../../core/access/current-user.decorator';
import { Permission } from '../../../core/access/permission';
import { RequirePermission } from '../../../core/access/route-permission.decorator';
import { AuditAction } from '../../../core/audit/audit-action';
import { Audited } from '../../../core/audit/audited.decorator';
import { appConfig } from '../../../core/config/app.config';
import { DomainException } from '../../../core/http/domain.exception';
import { UuidParamPipe } from '../../../core/http/validation';
import { Clock } from '../../../core/time/clock';
import type { FormBody, FormErrors } from '../../../core/web/forms';
import { text, validateAs } from '../../../core/web/forms';
import type { Html } from '../../../core/web/jsx';
import { jsx } from '../../../core/web/jsx';
import type { PageContext, SeeOther } from '../../../core/web/page';
import { Page, PageController, PageRefusal, seeOther } from '../../../core/web/page';
import { OrganisationsService } from '../../organisations';
import { AddAddendumDto, CreateNoteDto, EditNoteDto } from '../dto/note.dto';
import { NoteErrorCode, NoteException } from '../notes.exception';
import { NotesService } from '../notes.service';
import { noteMessages } from './notes.messages';
import { NotesPage } from './notes.page';
import { Idempotent } from '../../../core/idempotency/idempotent.decorator';

const uuid = new UuidParamPipe();
const NOTICES = ['added', 'edited_done', 'addendum_added', 'shared', 'unshared'] as const;

/**
 * The notes page of a case: the notes with their addenda, and for the owner the forms to write,
 * correct (the author, within the window), add to and share. Over the API's NotesService, with the
 * permissions and audit actions of the routes of /cases/:id/notes.
 */
@PageController('cases')
export class NotesPagesController {
  constructor(
    private readonly notes: NotesService,
    private readonly organisations: OrganisationsService,
    private readonly clock: Clock,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  @Get(':id/notes')
  @RequirePermission(Permission.CaseRead)
  @Audited(AuditAction.NotesListed)
  async list(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuid) id: string,
    @Query('done') done: unknown,
  ): Promise<Html> {
    const m = noteMessages.in(page.language);
    const notice = NOTICES.find((n) => n === done);
    return this.render(page, actor, id, { notice: notice ? m(notice) : undefined });
  }

  @Post(':id/notes')
  @RequirePermission(Permission.CaseWrite)
  @Audited(AuditAction.NoteAdded)
  @Idempotent({ page: true })
  @Redirect()
  async add(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuid) id: string,
    @Body() body: FormBody,
  ): Promise<SeeOther> {
    const values = { kind: text(body, 'kind'), occurredOn: text(body, 'occurredOn'), text: text(body, 'text') };
    const form = await validateAs(
      CreateNoteDto,
      { kind: values.kind ?? '', occurredOn: values.occurredOn ?? '', text: values.text ?? '' },
      page.language,
    );
    if ('errors' in form)
      throw new PageRefusal(400, await this.render(page, actor, id, { values, errors: form.errors }));
    await this.notes.add(actor, id, form.value);
    return seeOther(`/ui/cases/${id}/notes?done=added`);
  }

  @Post(':id/notes/:noteId/edit')
  @RequirePermission(Permission.CaseWrite)
  @Audited(AuditAction.NoteEdited)
  @Redirect()
  async edit(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuid) id: string,
    @Param('noteId', uuid) noteId: string,
    @Body() body: FormBody,
  ): Promise<SeeOther> {
    const m = noteMessages.in(page.language);
    const form = await validateAs(
      EditNoteDto,
      { kind: text(body, 'kind'), occurredOn: text(body, 'occurredOn'), text: text(body, 'text') },
      page.language,
    );
    if ('errors' in form) throw new PageRefusal(400, await this.render(page, actor, id, { errors: form.errors }));
    try {
      await this.notes.edit(actor, id, noteId, form.value);
    } catch (error) {
      if (!(error instanceof NoteException)) throw error;
      const notice =
        error.code === NoteErrorCode.EditWindowClosed
          ? m('window_closed')
          : error.code === NoteErrorCode.NotAuthor
            ? m('not_author')
            : undefined;
      if (!notice) throw error;
      throw new PageRefusal(error.status, await this.render(page, actor, id, { notice }));
    }
    return seeOther(`/ui/cases/${id}/notes?done=edited_done`);
  }

  @Post(':id/notes/:noteId/addenda')
  @RequirePermission(Permission.CaseWrite)
  @Audited(AuditAction.NoteAddendumAdded)
  @Redirect()
  async addAddendum(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuid) id: string,
    @Param('noteId', uuid) noteId: string,
    @Body() body: FormBody,
  ): Promise<SeeOther> {
    const form = await validateAs(AddAddendumDto, { text: text(body, 'text') ?? '' }, page.language);
    if ('errors' in form) throw new PageRefusal(400, await this.render(page, actor, id, { errors: form.errors }));
    await this.notes.addAddendum(actor, id, noteId, form.value);
    return seeOther(`/ui/cases/${id}/notes?done=addendum_added`);
  }

  @Post(':id/notes/:noteId/share')
  @RequirePermission(Permission.CaseWrite)
  @Audited(AuditAction.NoteShared)
  @Redirect()
  async share(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuid) id: string,
    @Param('noteId', uuid) noteId: string,
    @Body() body: FormBody,
  ): Promise<SeeOther> {
    const m = noteMessages.in(page.language);
    try {
      await this.notes.share(actor, id, noteId, text(body, 'organisationId') ?? '');
    } catch (error) {
      if (!(error instanceof DomainException) || error.field !== 'organisationId') throw error;
      throw new PageRefusal(error.status, await this.render(page, actor, id, { notice: m('not_sharing') }));
    }
    return seeOther(`/ui/cases/${id}/notes?done=shared`);
  }

  @Post(':id/notes/:noteId/unshare/:organisationId')
  @RequirePermission(Permission.CaseWrite)
  @Audited(AuditAction.NoteUnshared)
  @Redirect()
  async unshare(
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuid) id: string,
    @Param('noteId', uuid) noteId: string,
    @Param('organisationId', uuid) organisationId: string,
  ): Promise<SeeOther> {
    await this.notes.unshare(actor, id, noteId, organisationId);
    return seeOther(`/ui/cases/${id}/notes?done=unshared`);
  }

  private async render(
    page: PageContext,
    actor: AuthenticatedUser,
    caseId: string,
    extra: { notice?: string; values?: Record<string, string | undefined>; errors?: FormErrors },
  ): Promise<Html> {
    const listed = await this.notes.listForPage(actor, caseId);
    const ids = [...listed.sharing, ...listed.notes.flatMap((n) => n.sharedWith ?? [])];
    const names = await this.organisations.namesOf(ids);
    return (
      <NotesPage
        page={page}
        caseId={caseId}
        notes={listed.notes}
        manage={listed.manage}
        sharing={listed.sharing.map((value) => ({ value, label: names.get(value) ?? value }))}
        names={names}
        editMinutes={this.app.noteEditMinutes}
        now={this.clock.now()}
        {...extra}
      />
    );
  }
}
