import { Body, Get, Inject, Param, Post, Query, Redirect, Req, StreamableFile } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { AuthenticatedUser } from '../../../core/access/authenticated-user';
import { CurrentUser } from '../../../core/access/current-user.decorator';
import { Permission } from '../../../core/access/permission';
import { RequirePermission } from '../../../core/access/route-permission.decorator';
import { AuditAction } from '../../../core/audit/audit-action';
import { Audited } from '../../../core/audit/audited.decorator';
import { appConfig } from '../../../core/config/app.config';
import { DomainException } from '../../../core/http/domain.exception';
import type { MultipartRequest } from '../../../core/http/multipart-body';
import { UuidParamPipe } from '../../../core/http/validation';
import type { FormBody, FormErrors } from '../../../core/web/forms';
import { text, validateAs } from '../../../core/web/forms';
import type { Html } from '../../../core/web/jsx';
import { jsx } from '../../../core/web/jsx';
import type { PageContext, SeeOther } from '../../../core/web/page';
import { Page, PageController, PageRefusal, seeOther } from '../../../core/web/page';
import { OrganisationsService } from '../../organisations';
import { streamOf } from '../attachments.controller';
import { AttachmentErrorCode, AttachmentException } from '../attachments.exception';
import { AttachmentsService } from '../attachments.service';
import { UploadAttachmentDto } from '../dto/attachment.dto';
import { attachmentMessages } from './attachments.messages';
import { AttachmentsPage, sizeOf } from './attachments.page';
import { Idempotent } from '../../../core/idempotency/idempotent.decorator';

const uuid = new UuidParamPipe();
const NOTICES = ['added', 'shared', 'unshared', 'deleted'] as const;

/**
 * The attachments page of a case: the list with downloads, and for the owner upload, share and
 * delete. Over the API's AttachmentsService, with the permissions and audit actions of the routes of
 * /cases/:id/attachments. The upload is the same multipart body the API reads (core/http/multipart-body).
 */
@PageController('cases')
export class AttachmentsPagesController {
  constructor(
    private readonly attachments: AttachmentsService,
    private readonly organisations: OrganisationsService,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  @Get(':id/attachments')
  @RequirePermission(Permission.CaseRead)
  @Audited(AuditAction.AttachmentsListed)
  async list(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuid) id: string,
    @Query('done') done: unknown,
  ): Promise<Html> {
    const m = attachmentMessages.in(page.language);
    const notice = NOTICES.find((n) => n === done);
    return this.render(page, actor, id, { notice: notice ? m(notice) : undefined });
  }

  @Post(':id/attachments')
  @RequirePermission(Permission.CaseWrite)
  @Audited(AuditAction.AttachmentAdded)
  @Idempotent({ page: true })
  @Redirect()
  async add(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuid) id: string,
    @Body() body: FormBody,
    @Req() request: MultipartRequest,
  ): Promise<SeeOther> {
    const m = attachmentMessages.in(page.language);
    const values = { kind: text(body, 'kind'), description: text(body, 'description') };
    const refuse = async (status: number, errors: FormErrors): Promise<PageRefusal> =>
      new PageRefusal(status, await this.render(page, actor, id, { values, errors }));
    const form = await validateAs(
      UploadAttachmentDto,
      { kind: values.kind ?? '', description: values.description },
      page.language,
    );
    if ('errors' in form) throw await refuse(400, form.errors);
    try {
      await this.attachments.add(actor, id, form.value, {
        file: request.uploadedFile,
        problem: request.multipartProblem,
      });
    } catch (error) {
      const problem = error instanceof AttachmentException ? this.problemOf(error, m) : undefined;
      if (!problem || !(error instanceof AttachmentException)) throw error;
      throw await refuse(error.status, { [error.field === 'body' ? 'file' : (error.field ?? 'file')]: problem });
    }
    return seeOther(`/ui/cases/${id}/attachments?done=added`);
  }

  @Get(':id/attachments/:attachmentId/content')
  @RequirePermission(Permission.CaseRead)
  @Audited(AuditAction.AttachmentDownloaded)
  async content(
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuid) id: string,
    @Param('attachmentId', uuid) attachmentId: string,
  ): Promise<StreamableFile> {
    return streamOf(await this.attachments.download(actor, id, attachmentId), attachmentId);
  }

  @Post(':id/attachments/:attachmentId/share')
  @RequirePermission(Permission.CaseWrite)
  @Audited(AuditAction.AttachmentShared)
  @Redirect()
  async share(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuid) id: string,
    @Param('attachmentId', uuid) attachmentId: string,
    @Body() body: FormBody,
  ): Promise<SeeOther> {
    const m = attachmentMessages.in(page.language);
    const organisationId = text(body, 'organisationId') ?? '';
    try {
      await this.attachments.share(actor, id, attachmentId, organisationId);
    } catch (error) {
      if (!(error instanceof DomainException) || error.field !== 'organisationId') throw error;
      throw new PageRefusal(error.status, await this.render(page, actor, id, { notice: m('not_sharing') }));
    }
    return seeOther(`/ui/cases/${id}/attachments?done=shared`);
  }

  @Post(':id/attachments/:attachmentId/unshare/:organisationId')
  @RequirePermission(Permission.CaseWrite)
  @Audited(AuditAction.AttachmentUnshared)
  @Redirect()
  async unshare(
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuid) id: string,
    @Param('attachmentId', uuid) attachmentId: string,
    @Param('organisationId', uuid) organisationId: string,
  ): Promise<SeeOther> {
    await this.attachments.unshare(actor, id, attachmentId, organisationId);
    return seeOther(`/ui/cases/${id}/attachments?done=unshared`);
  }

  @Post(':id/attachments/:attachmentId/delete')
  @RequirePermission(Permission.CaseWrite)
  @Audited(AuditAction.AttachmentDeleted)
  @Redirect()
  async delete(
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuid) id: string,
    @Param('attachmentId', uuid) attachmentId: string,
  ): Promise<SeeOther> {
    await this.attachments.delete(actor, id, attachmentId);
    return seeOther(`/ui/cases/${id}/attachments?done=deleted`);
  }

  private async render(
    page: PageContext,
    actor: AuthenticatedUser,
    caseId: string,
    extra: { notice?: string; values?: Record<string, string | undefined>; errors?: FormErrors },
  ): Promise<Html> {
    const listed = await this.attachments.listForPage(actor, caseId);
    const ids = [...listed.sharing, ...listed.attachments.flatMap((a) => a.sharedWith ?? [])];
    const names = await this.organisations.namesOf(ids);
    return (
      <AttachmentsPage
        page={page}
        caseId={caseId}
        attachments={listed.attachments}
        manage={listed.manage}
        sharing={listed.sharing.map((value) => ({ value, label: names.get(value) ?? value }))}
        names={names}
        maxBytes={this.app.attachmentMaxBytes}
        {...extra}
      />
    );
  }

  private problemOf(error: AttachmentException, m: ReturnType<typeof attachmentMessages.in>): string | undefined {
    switch (error.code) {
      case AttachmentErrorCode.FileMissing:
        return m('file_required');
      case AttachmentErrorCode.TooLarge:
        return m('file_too_large', { size: sizeOf(this.app.attachmentMaxBytes) });
      case AttachmentErrorCode.UnsupportedType:
        return m('file_wrong_type');
      case AttachmentErrorCode.Malformed:
        return m('file_malformed');
      default:
        return undefined;
    }
  }
}
