import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CasesModule } from '../cases/case-records';
import { OrganisationsModule } from '../organisations';
import { AttachmentStore, PostgresAttachmentStore } from './attachment-store';
import { AttachmentReplay, AttachmentsController } from './attachments.controller';
import { AttachmentsRepository } from './attachments.repository';
import { AttachmentsService } from './attachments.service';
import { Attachment } from './entities/attachment.entity';
import { AttachmentsPagesController } from './pages/attachments.pages.controller';

/** The tables this module maps (composed with every other module's in src/data-source.ts). */
export const ATTACHMENT_ENTITIES = [Attachment];

/** Attachments of a case: type from the content, images without metadata, encrypted in chunks. */
@Module({
  imports: [TypeOrmModule.forFeature(ATTACHMENT_ENTITIES), CasesModule, OrganisationsModule],
  controllers: [AttachmentsController, AttachmentsPagesController],
  providers: [
    AttachmentReplay,
    AttachmentsService,
    AttachmentsRepository,
    { provide: AttachmentStore, useClass: PostgresAttachmentStore },
  ],
  exports: [AttachmentsService],
})
export class AttachmentsModule {}
