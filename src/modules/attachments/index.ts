export { ATTACHMENT_ENTITIES, AttachmentsModule } from './attachments.module';
export { AttachmentsSection } from './pages/attachments-section';
