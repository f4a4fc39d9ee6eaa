import { Body, Controller, Delete, Get, Injectable, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags, ApiHeader } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../../core/access/authenticated-user';
import { CurrentUser } from '../../core/access/current-user.decorator';
import { Permission } from '../../core/access/permission';
import { RequirePermission } from '../../core/access/route-permission.decorator';
import { AuditAction } from '../../core/audit/audit-action';
import { Audited } from '../../core/audit/audited.decorator';
import { UuidParamPipe } from '../../core/http/validation';
import { AddAddendumDto, CreateNoteDto, EditNoteDto, ShareNoteDto } from './dto/note.dto';
import { NoteView } from './note-views';
import { NotesService } from './notes.service';
import { Idempotent, IdempotentReplay } from '../../core/idempotency/idempotent.decorator';

const uuid = new UuidParamPipe();

/** A retried note answered again: the note as it is now. */
@Injectable()
export class NoteReplay implements IdempotentReplay {
  constructor(private readonly notes: NotesService) {}

  replay(actor: AuthenticatedUser, params: Record<string, string>, id: string): Promise<NoteView> {
    return this.notes.get(actor, params.id, id);
  }
}

@ApiTags('notes')
@Controller('cases/:id/notes')
export class NotesController {
  constructor(private readonly notes: NotesService) {}

  @Get()
  @ApiOperation({
    summary: "List a case's notes (the owner: all, with earlier versions; a referral share: those shared with it)",
    description: 'The investigation view holds no note (403).',
  })
  @RequirePermission(Permission.CaseRead)
  @Audited(AuditAction.NotesListed)
  @ApiOkResponse({ type: [NoteView] })
  list(@Param('id', uuid) id: string, @CurrentUser() actor: AuthenticatedUser): Promise<NoteView[]> {
    return this.notes.list(actor, id);
  }

  @Post()
  @ApiOperation({ summary: 'Write a note on a case (the owning organisation)' })
  @RequirePermission(Permission.CaseWrite)
  @Audited(AuditAction.NoteAdded)
  @Idempotent({ replay: NoteReplay })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A retry with the same key (24 h, per user) gets the first answer instead of a second record',
  })
  @ApiCreatedResponse({ type: NoteView })
  add(
    @Param('id', uuid) id: string,
    @Body() dto: CreateNoteDto,
    @CurrentUser() actor: AuthenticatedUser,
  ): Promise<NoteView> {
    return this.notes.add(actor, id, dto);
  }

  @Patch(':noteId')
  @ApiOperation({
    summary: 'Correct a note: its author only, within PANOH_NOTE_EDIT_MINUTES of writing it',
    description:
      'The version it replaces is kept (earlierVersions). Later, 409 note_edit_window_closed: add an addendum.',
  })
  @RequirePermission(Permission.CaseWrite)
  @Audited(AuditAction.NoteEdited)
  @ApiOkResponse({ type: NoteView })
  edit(
    @Param('id', uuid) id: string,
    @Param('noteId', uuid) noteId: string,
    @Body() dto: EditNoteDto,
    @CurrentUser() actor: AuthenticatedUser,
  ): Promise<NoteView> {
    return this.notes.edit(actor, id, noteId, dto);
  }

  @Post(':noteId/addenda')
  @ApiOperation({ summary: 'Add to a note (anyone of the owning organisation, at any time)' })
  @RequirePermission(Permission.CaseWrite)
  @Audited(AuditAction.NoteAddendumAdded)
  @ApiCreatedResponse({ type: NoteView })
  addAddendum(
    @Param('id', uuid) id: string,
    @Param('noteId', uuid) noteId: string,
    @Body() dto: AddAddendumDto,
    @CurrentUser() actor: AuthenticatedUser,
  ): Promise<NoteView> {
    return this.notes.addAddendum(actor, id, noteId, dto);
  }

  @Post(':noteId/shares')
  @ApiOperation({
    summary: 'Show a note to an organisation the case is shared with for assistance (never law enforcement)',
  })
  @RequirePermission(Permission.CaseWrite)
  @Audited(AuditAction.NoteShared)
  @ApiCreatedResponse({ type: NoteView })
  share(
    @Param('id', uuid) id: string,
    @Param('noteId', uuid) noteId: string,
    @Body() dto: ShareNoteDto,
    @CurrentUser() actor: AuthenticatedUser,
  ): Promise<NoteView> {
    return this.notes.share(actor, id, noteId, dto.organisationId);
  }

  @Delete(':noteId/shares/:organisationId')
  @ApiOperation({ summary: 'Stop showing a note to an organisation' })
  @RequirePermission(Permission.CaseWrite)
  @Audited(AuditAction.NoteUnshared)
  @ApiOkResponse({ type: NoteView })
  unshare(
    @Param('id', uuid) id: string,
    @Param('noteId', uuid) noteId: string,
    @Param('organisationId', uuid) organisationId: string,
    @CurrentUser() actor: AuthenticatedUser,
  ): Promise<NoteView> {
    return this.notes.unshare(actor, id, noteId, organisationId);
  }
}
