import { Body, Controller, Delete, Get, HttpCode, Injectable, Param, Post, Req, StreamableFile } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiHeader,
} from '@nestjs/swagger';
import type { AuthenticatedUser } from '../../core/access/authenticated-user';
import { CurrentUser } from '../../core/access/current-user.decorator';
import { Permission } from '../../core/access/permission';
import { RequirePermission } from '../../core/access/route-permission.decorator';
import { AuditAction } from '../../core/audit/audit-action';
import { Audited } from '../../core/audit/audited.decorator';
import type { MultipartRequest } from '../../core/http/multipart-body';
import { UuidParamPipe } from '../../core/http/validation';
import { ATTACHMENT_KINDS } from './attachment-kinds';
import { AttachmentView } from './attachment-views';
import { AttachmentDownload, AttachmentsService } from './attachments.service';
import { ShareAttachmentDto, UploadAttachmentDto } from './dto/attachment.dto';
import { Idempotent, IdempotentReplay } from '../../core/idempotency/idempotent.decorator';

const uuid = new UuidParamPipe();

/** A retried upload answered again: the attachment as it is now. */
@Injectable()
export class AttachmentReplay implements IdempotentReplay {
  constructor(private readonly attachments: AttachmentsService) {}

  replay(actor: AuthenticatedUser, params: Record<string, string>, id: string): Promise<AttachmentView> {
    return this.attachments.get(actor, params.id, id);
  }
}

@ApiTags('attachments')
@Controller('cases/:id/attachments')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Get()
  @ApiOperation({ summary: "List a case's attachments (the owner: all; a sharing organisation: those shared with it)" })
  @RequirePermission(Permission.CaseRead)
  @Audited(AuditAction.AttachmentsListed)
  @ApiOkResponse({ type: [AttachmentView] })
  list(@Param('id', uuid) id: string, @CurrentUser() actor: AuthenticatedUser): Promise<AttachmentView[]> {
    return this.attachments.list(actor, id);
  }

  @Post()
  @ApiOperation({
    summary: 'Attach a PDF, JPEG or PNG to a case (multipart/form-data, the file in `file`)',
    description:
      'The type is decided from the content; anything else (a program, a script) answers 415 naming `file`. ' +
      'JPEG and PNG are stored without their metadata. At most PANOH_ATTACHMENT_MAX_BYTES (413 naming `file`).',
  })
  @RequirePermission(Permission.CaseWrite)
  @Audited(AuditAction.AttachmentAdded)
  @Idempotent({ replay: AttachmentReplay })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A retry with the same key (24 h, per user) gets the first answer instead of a second record',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'kind'],
      properties: {
        file: { type: 'string', format: 'binary' },
        kind: { type: 'string', enum: [...ATTACHMENT_KINDS] },
        description: { type: 'string', maxLength: 1000 },
      },
    },
  })
  @ApiCreatedResponse({ type: AttachmentView })
  add(
    @Param('id', uuid) id: string,
    @Body() dto: UploadAttachmentDto,
    @Req() request: MultipartRequest,
    @CurrentUser() actor: AuthenticatedUser,
  ): Promise<AttachmentView> {
    return this.attachments.add(actor, id, dto, { file: request.uploadedFile, problem: request.multipartProblem });
  }

  @Get(':attachmentId/content')
  @ApiOperation({ summary: "Download an attachment's content (each download audited)" })
  @RequirePermission(Permission.CaseRead)
  @Audited(AuditAction.AttachmentDownloaded)
  @ApiProduces('application/pdf', 'image/jpeg', 'image/png')
  @ApiOkResponse({
    description: 'The file, as an attachment (Content-Disposition), never cached',
    schema: { type: 'string', format: 'binary' },
  })
  async content(
    @Param('id', uuid) id: string,
    @Param('attachmentId', uuid) attachmentId: string,
    @CurrentUser() actor: AuthenticatedUser,
  ): Promise<StreamableFile> {
    return streamOf(await this.attachments.download(actor, id, attachmentId), attachmentId);
  }

  @Post(':attachmentId/shares')
  @ApiOperation({
    summary: 'Show an attachment to an organisation the case is shared with (for law enforcement: its unit)',
  })
  @RequirePermission(Permission.CaseWrite)
  @Audited(AuditAction.AttachmentShared)
  @ApiCreatedResponse({ type: AttachmentView })
  share(
    @Param('id', uuid) id: string,
    @Param('attachmentId', uuid) attachmentId: string,
    @Body() dto: ShareAttachmentDto,
    @CurrentUser() actor: AuthenticatedUser,
  ): Promise<AttachmentView> {
    return this.attachments.share(actor, id, attachmentId, dto.organisationId);
  }

  @Delete(':attachmentId/shares/:organisationId')
  @ApiOperation({ summary: 'Stop showing an attachment to an organisation' })
  @RequirePermission(Permission.CaseWrite)
  @Audited(AuditAction.AttachmentUnshared)
  @ApiOkResponse({ type: AttachmentView })
  unshare(
    @Param('id', uuid) id: string,
    @Param('attachmentId', uuid) attachmentId: string,
    @Param('organisationId', uuid) organisationId: string,
    @CurrentUser() actor: AuthenticatedUser,
  ): Promise<AttachmentView> {
    return this.attachments.unshare(actor, id, attachmentId, organisationId);
  }

  @Delete(':attachmentId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an attachment (the owning organisation)' })
  @RequirePermission(Permission.CaseWrite)
  @Audited(AuditAction.AttachmentDeleted)
  @ApiNoContentResponse({ description: 'Deleted, with its chunks and shares' })
  async delete(
    @Param('id', uuid) id: string,
    @Param('attachmentId', uuid) attachmentId: string,
    @CurrentUser() actor: AuthenticatedUser,
  ): Promise<void> {
    await this.attachments.delete(actor, id, attachmentId);
  }
}

/** The download as sent: its real type, its length, always as an attachment (never shown inline). */
export function streamOf(download: AttachmentDownload, attachmentId: string): StreamableFile {
  return new StreamableFile(download.content, {
    type: download.mediaType,
    length: download.sizeBytes,
    disposition: contentDisposition(download.fileName, download.mediaType, attachmentId),
  });
}

const EXTENSIONS = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' } as const;

/** RFC 6266: an ASCII name made of the id for old clients, the real name (UTF-8) for the rest. */
function contentDisposition(fileName: string, mediaType: keyof typeof EXTENSIONS, attachmentId: string): string {
  const fallback = `attachment-${attachmentId.slice(0, 8)}.${EXTENSIONS[mediaType]}`;
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
