import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '../../core/access/authenticated-user';
import { ATTACHMENT_CHUNK_BYTES, AttachmentCipher, AttachmentKey } from '../../core/crypto/attachment-cipher';
import { recordErrorOf } from '../../core/crypto/record-errors';
import { RequestContext } from '../../core/database/request-context';
import type { MultipartProblem, UploadedFile } from '../../core/http/multipart-body';
import { CaseAccess, CaseSealer } from '../cases/case-records';
import type { CaseKeyScope } from '../cases/case-records';
import { OrganisationsService } from '../organisations';
import { ATTACHMENT_READ, ATTACHMENT_WRITE } from './attachment-rules';
import { AttachmentStore } from './attachment-store';
import { AttachmentView, toAttachmentView } from './attachment-views';
import {
  AttachmentErrorCode,
  AttachmentException,
  attachmentNotFound,
  attachmentRecordFailure,
} from './attachments.exception';
import { AttachmentsRepository } from './attachments.repository';
import { examine } from './content/detect';
import type { MediaType } from './content/detect';
import { UploadAttachmentDto } from './dto/attachment.dto';
import { Attachment } from './entities/attachment.entity';

const TABLE = 'attachment';
/** Chunks read per short transaction while a download streams: 16 of 64 KiB, about 1 MiB in memory. */
const READ_BATCH = 16;

/** What a download sends: headers from the row, the content as a stream of decrypted chunks. */
export interface AttachmentDownload {
  mediaType: MediaType;
  sizeBytes: number;
  fileName: string;
  content: Readable;
}

/**
 * The attachments of a case: scanned documents, consent forms, photos. The owning organisation adds,
 * lists, shares and deletes them; an organisation that sees the case through a share lists and
 * downloads only those the owner shared with it. The type is decided from the content; images are
 * stored without their metadata; content, name and description are encrypted under the attachment
 * key, derived from the case's and the person's data keys (docs/crypto.md), so that erasing the
 * person shreds them.
 */
@Injectable()
export class AttachmentsService {
  constructor(
    private readonly access: CaseAccess,
    private readonly attachments: AttachmentsRepository,
    private readonly store: AttachmentStore,
    private readonly cipher: AttachmentCipher,
    private readonly keys: CaseSealer,
    private readonly organisations: OrganisationsService,
    private readonly requestContext: RequestContext,
  ) {}

  async list(actor: AuthenticatedUser, caseId: string): Promise<AttachmentView[]> {
    const scope = await this.access.require(actor, caseId, ATTACHMENT_READ);
    const rows = await this.attachments.ofCase(caseId, sharedWithOf(actor, scope));
    const shares = scope.view === 'full' ? await this.attachments.sharesOf(caseId) : undefined;
    const views = rows.length
      ? await this.withKey(scope, (key) =>
          rows.map((row) => toAttachmentView(row, this.openFields(key, row), shares && (shares.get(row.id) ?? []))),
        )
      : [];
    this.requestContext.recordAccess({
      view: scope.view,
      fields: views.length ? Object.keys(views[0]) : [],
      detail: { returned: views.length },
    });
    return views;
  }

  /** One attachment, as the list would show it (a retried upload's answer). */
  async get(actor: AuthenticatedUser, caseId: string, attachmentId: string): Promise<AttachmentView> {
    const scope = await this.access.require(actor, caseId, ATTACHMENT_READ);
    const row = await this.attachments.find(caseId, attachmentId, sharedWithOf(actor, scope));
    if (!row) throw attachmentNotFound();
    const shares = scope.view === 'full' ? await this.attachments.sharesOf(caseId) : undefined;
    const view = await this.withKey(scope, (key) =>
      toAttachmentView(row, this.openFields(key, row), shares && (shares.get(row.id) ?? [])),
    );
    this.requestContext.recordAccess({ view: scope.view, fields: Object.keys(view), detail: { attachmentId } });
    return view;
  }

  /** The list as the page shows it: with, for the owner, the organisations it may share with. */
  async listForPage(
    actor: AuthenticatedUser,
    caseId: string,
  ): Promise<{ attachments: AttachmentView[]; manage: boolean; sharing: string[] }> {
    const attachments = await this.list(actor, caseId);
    const manage =
      attachments.every((a) => a.sharedWith !== undefined) && (await this.access.requireView(actor, caseId)) === 'full';
    return { attachments, manage, sharing: manage ? await this.attachments.sharingOrganisationsOf(caseId) : [] };
  }

  async add(
    actor: AuthenticatedUser,
    caseId: string,
    dto: UploadAttachmentDto,
    upload: { file?: UploadedFile; problem?: MultipartProblem },
  ): Promise<AttachmentView> {
    const scope = await this.access.require(actor, caseId, ATTACHMENT_WRITE);
    const file = requireFile(upload);
    const examined = examine(file.content);
    if (!examined.ok) throw refusalOf(examined.refusal);
    const fileName = nameOf(file.originalName);
    const id = randomUUID();
    const content = examined.content;
    const row = await this.withKey(
      scope,
      (key) => {
        const encryptor = key.encryptor(id);
        const chunks: Buffer[] = [];
        for (let at = 0; at < content.length; at += ATTACHMENT_CHUNK_BYTES) {
          const end = Math.min(at + ATTACHMENT_CHUNK_BYTES, content.length);
          chunks.push(encryptor.push(content.subarray(at, end), end === content.length));
        }
        const sealed = key.withFieldKey((fieldKey, version) => ({
          fileName: this.cipher.sealField(
            fieldKey,
            version,
            { table: TABLE, column: 'file_name', rowId: id },
            fileName,
          ),
          description:
            dto.description === undefined
              ? null
              : this.cipher.sealField(
                  fieldKey,
                  version,
                  { table: TABLE, column: 'description', rowId: id },
                  dto.description,
                ),
        }));
        const attachment: Attachment = {
          id,
          caseId,
          ownerOrganisationId: scope.ownerOrganisationId,
          kind: dto.kind,
          mediaType: examined.mediaType,
          sizeBytes: content.length,
          chunkCount: chunks.length,
          contentHeader: encryptor.header,
          fileName: sealed.fileName,
          description: sealed.description,
          createdBy: actor.userId,
          createdAt: new Date(),
        };
        return { attachment, chunks };
      },
      { forWriting: true },
    );
    await this.attachments.insert(row.attachment);
    await this.store.write(id, row.chunks);
    this.requestContext.recordAccess({
      view: scope.view,
      fields: ['set:file', 'set:kind', ...(dto.description === undefined ? [] : ['set:description'])],
      detail: { attachmentId: id, kind: dto.kind, mediaType: examined.mediaType, sizeBytes: content.length },
    });
    return toAttachmentView(row.attachment, { fileName, description: dto.description ?? null }, []);
  }

  /**
   * Opens an attachment for download: the decision, the row, the key and its commitment are checked
   * in the request's transaction, with its audit event; the chunks are then read a batch at a time,
   * each batch in a short transaction of its own as the same caller, and decrypted as they are sent.
   */
  async download(actor: AuthenticatedUser, caseId: string, attachmentId: string): Promise<AttachmentDownload> {
    const scope = await this.access.require(actor, caseId, ATTACHMENT_READ);
    this.requestContext.recordAccess({ detail: { attachmentId } });
    const row = await this.attachments.find(caseId, attachmentId, sharedWithOf(actor, scope));
    if (!row) throw attachmentNotFound();
    const key = await this.openKey(scope);
    let open: (seq: number, box: Buffer) => Buffer;
    let fileName: string;
    try {
      fileName = this.openFields(key, row).fileName;
      open = this.guarded(scope, () => key.decryptor(row.id, row.contentHeader, row.chunkCount));
    } catch (error) {
      key.wipe();
      throw error;
    }
    this.requestContext.recordAccess({
      view: scope.view,
      fields: ['content'],
      detail: { attachmentId, kind: row.kind, mediaType: row.mediaType, sizeBytes: row.sizeBytes },
    });
    return {
      mediaType: row.mediaType,
      sizeBytes: row.sizeBytes,
      fileName,
      content: this.chunks(actor, row, open, key),
    };
  }

  async share(
    actor: AuthenticatedUser,
    caseId: string,
    attachmentId: string,
    organisationId: string,
  ): Promise<AttachmentView> {
    const scope = await this.access.require(actor, caseId, ATTACHMENT_WRITE);
    this.requestContext.recordAccess({ detail: { attachmentId } });
    const row = await this.attachments.find(caseId, attachmentId);
    if (!row) throw attachmentNotFound();
    const organisation = organisationId.toLowerCase();
    await this.organisations.requireNamed(organisation, 'organisationId');
    if (!(await this.attachments.organisationSharesCase(caseId, organisation))) {
      throw new AttachmentException(
        AttachmentErrorCode.NotSharing,
        'An attachment is shared only with an organisation the case is shared with',
        'organisationId',
      );
    }
    await this.attachments.share(row, organisation, actor.userId);
    this.requestContext.recordAccess({ view: scope.view, detail: { attachmentId, organisationId: organisation } });
    return this.viewOf(scope, row);
  }

  async unshare(
    actor: AuthenticatedUser,
    caseId: string,
    attachmentId: string,
    organisationId: string,
  ): Promise<AttachmentView> {
    const scope = await this.access.require(actor, caseId, ATTACHMENT_WRITE);
    this.requestContext.recordAccess({ detail: { attachmentId } });
    const row = await this.attachments.find(caseId, attachmentId);
    if (!row) throw attachmentNotFound();
    await this.attachments.unshare(attachmentId, organisationId.toLowerCase());
    this.requestContext.recordAccess({
      view: scope.view,
      detail: { attachmentId, organisationId: organisationId.toLowerCase() },
    });
    return this.viewOf(scope, row);
  }

  async delete(actor: AuthenticatedUser, caseId: string, attachmentId: string): Promise<void> {
    const scope = await this.access.require(actor, caseId, ATTACHMENT_WRITE);
    this.requestContext.recordAccess({ detail: { attachmentId } });
    const row = await this.attachments.find(caseId, attachmentId);
    if (!row) throw attachmentNotFound();
    await this.attachments.delete(attachmentId);
    this.requestContext.recordAccess({ view: scope.view, detail: { attachmentId, kind: row.kind } });
  }

  private async viewOf(scope: CaseKeyScope, row: Attachment): Promise<AttachmentView> {
    const shares = await this.attachments.sharesOf(scope.caseId);
    return this.withKey(scope, (key) => toAttachmentView(row, this.openFields(key, row), shares.get(row.id) ?? []));
  }

  private openFields(key: AttachmentKey, row: Attachment): { fileName: string; description: string | null } {
    return key.withFieldKey((fieldKey, version) => ({
      fileName: this.cipher.openField(
        fieldKey,
        version,
        { table: TABLE, column: 'file_name', rowId: row.id },
        row.fileName,
      ),
      description: row.description
        ? this.cipher.openField(
            fieldKey,
            version,
            { table: TABLE, column: 'description', rowId: row.id },
            row.description,
          )
        : null,
    }));
  }

  /** The case's attachment key for `work`, wiped after; failures in the attachments' codes. */
  private async withKey<T>(
    scope: CaseKeyScope,
    work: (key: AttachmentKey) => T,
    options: { forWriting?: boolean } = {},
  ): Promise<T> {
    const key = await this.openKey(scope, options);
    try {
      return this.guarded(scope, () => work(key));
    } finally {
      key.wipe();
    }
  }

  private async openKey(scope: CaseKeyScope, options: { forWriting?: boolean } = {}): Promise<AttachmentKey> {
    const { caseKey, personKey } = await this.attachments.keysOf(scope.caseId);
    if (!personKey) {
      if (options.forWriting) {
        throw new AttachmentException(AttachmentErrorCode.PersonErased, "This case's person was erased", 'id');
      }
      throw attachmentNotFound();
    }
    return this.keys.open(
      scope.caseId,
      caseKey,
      (openCase) =>
        this.keys.open(
          scope.caseId,
          personKey,
          (openPerson) => this.cipher.keyOf(openCase, openPerson),
          attachmentRecordFailure,
        ),
      attachmentRecordFailure,
    );
  }

  /** Runs `work`, answering a failed integrity check in the attachments' codes (409, nothing of the record). */
  private guarded<T>(scope: CaseKeyScope, work: () => T): T {
    try {
      return work();
    } catch (error) {
      throw recordErrorOf(error, `attachment of case ${scope.caseId}`, attachmentRecordFailure);
    }
  }

  /** The decrypted content, read from the store a batch at a time as the client takes it. */
  private chunks(
    actor: AuthenticatedUser,
    row: Attachment,
    open: (seq: number, box: Buffer) => Buffer,
    key: AttachmentKey,
  ): Readable {
    const store = this.store;
    let next = 0;
    return new Readable({
      async read() {
        try {
          if (next >= row.chunkCount) {
            this.push(null);
            return;
          }
          const boxes = await store.read(actor, row.id, next, READ_BATCH);
          if (boxes.length === 0) throw new Error('the attachment went away while it was read');
          for (const box of boxes) this.push(open(next++, box));
          if (next >= row.chunkCount) this.push(null);
        } catch (error) {
          this.destroy(error as Error);
        }
      },
      destroy(error, callback) {
        key.wipe();
        callback(error);
      },
    });
  }
}

/** Undefined for the owner (every attachment); the caller's organisation for any other view. */
function sharedWithOf(actor: AuthenticatedUser, scope: CaseKeyScope): string | undefined {
  return scope.view === 'full' ? undefined : actor.organisationId;
}

function requireFile(upload: { file?: UploadedFile; problem?: MultipartProblem }): UploadedFile {
  const { problem, file } = upload;
  if (problem?.status === 413)
    throw new AttachmentException(AttachmentErrorCode.TooLarge, `file ${problem.problem}`, 'file');
  if (problem)
    throw new AttachmentException(
      AttachmentErrorCode.FileMissing,
      `${problem.field} ${problem.problem}`,
      problem.field,
    );
  if (!file) {
    throw new AttachmentException(
      AttachmentErrorCode.FileMissing,
      'file is required: send the request as multipart/form-data with the file in the field "file"',
      'file',
    );
  }
  return file;
}

function refusalOf(refusal: 'executable' | 'unsupported' | 'malformed' | 'empty'): AttachmentException {
  switch (refusal) {
    case 'executable':
      return new AttachmentException(
        AttachmentErrorCode.UnsupportedType,
        'file is a program or script, not a PDF, JPEG or PNG; whatever its name says, it is refused',
        'file',
      );
    case 'unsupported':
      return new AttachmentException(
        AttachmentErrorCode.UnsupportedType,
        'file must be a PDF, JPEG or PNG (judged by its content)',
        'file',
      );
    case 'malformed':
      return new AttachmentException(
        AttachmentErrorCode.Malformed,
        'file does not hold together as the PDF, JPEG or PNG it starts as',
        'file',
      );
    case 'empty':
      return new AttachmentException(AttachmentErrorCode.FileMissing, 'file is empty', 'file');
  }
}

/** The last part of the name the client gave (never a path), without control characters, at most 200 characters. */
function nameOf(given: string): string {
  const base = given.split(/[\\/]/).pop() ?? '';
  const cleaned = [...base.normalize('NFC').replace(/[\p{Cc}\p{Cf}\p{Cs}]/gu, '')].slice(0, 200).join('').trim();
  return cleaned || 'attachment';
}
