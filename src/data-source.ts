import { DataSource } from 'typeorm';
import { dataSourceOptions, EntityClass } from './core/database/data-source';
import { ACCOUNT_ENTITIES } from './core/auth/auth.module';
import { KEY_ENTITIES } from './core/crypto/crypto.module';
import { ASSISTANCE_ENTITIES } from './modules/assistance';
import { ATTACHMENT_ENTITIES } from './modules/attachments';
import { CASE_ENTITIES } from './modules/cases/case-records';
import { PERSON_ENTITIES } from './modules/cases/persons';
import { INVESTIGATION_ENTITIES } from './modules/investigations';
import { NOTE_ENTITIES } from './modules/notes';
import { NOTIFICATION_ENTITIES } from './modules/notifications';
import { ORGANISATION_ENTITIES } from './modules/organisations';
import { REFERRAL_ENTITIES } from './modules/referrals';
import { TASK_ENTITIES } from './modules/tasks';

/**
 * Every entity the service maps, composed here at the root from what each module registers, so that a
 * reviewer sees the whole schema in one list and a DataSource outside Nest (TypeORM's own CLI) maps
 * the same tables. The service itself loads them module by module (autoLoadEntities).
 */
export const ENTITIES: EntityClass[] = [
  ...ACCOUNT_ENTITIES,
  ...KEY_ENTITIES,
  ...ORGANISATION_ENTITIES,
  ...PERSON_ENTITIES,
  ...CASE_ENTITIES,
  ...REFERRAL_ENTITIES,
  ...NOTIFICATION_ENTITIES,
  ...ASSISTANCE_ENTITIES,
  ...ATTACHMENT_ENTITIES,
  ...NOTE_ENTITIES,
  ...INVESTIGATION_ENTITIES,
  ...TASK_ENTITIES,
];

/** For `typeorm migration:show -d dist/src/data-source.js` with the owner's URL. */
export default new DataSource(
  dataSourceOptions(
    process.env.DATABASE_MIGRATION_URL ?? process.env.DATABASE_URL ?? 'postgres://localhost/panoh',
    {},
    ENTITIES,
  ),
);
