import { AuthSession } from '../auth/entities/auth-session.entity';
import { LoginThrottle } from '../auth/entities/login-throttle.entity';
import { Organisation } from '../../modules/organisations/entities/organisation.entity';
import { User } from '../../modules/users/entities/user.entity';
import { DuplicateCheckThrottle } from '../../modules/cases/persons/entities/duplicate-check-throttle.entity';
import { PersonBlindIndex } from '../../modules/cases/persons/entities/person-blind-index.entity';
import { Person } from '../../modules/cases/persons/entities/person.entity';
import { DataKey } from '../crypto/entities/data-key.entity';
import { Consent } from '../../modules/cases/case-records/entities/consent.entity';
import { Screening } from '../../modules/cases/case-records/entities/screening.entity';
import { TraffickingEvent } from '../../modules/cases/case-records/entities/trafficking-event.entity';
import { VictimCase } from '../../modules/cases/case-records/entities/victim-case.entity';
import { StageChange } from '../../modules/cases/stages/stage-change.entity';
import { Referral } from '../../modules/referrals/referral.entity';
import { Notification } from '../../modules/notifications/notification.entity';
import { AssistanceItem } from '../../modules/assistance/entities/assistance-item.entity';
import { Perpetrator } from '../../modules/investigations/entities/perpetrator.entity';
import { Proceeding } from '../../modules/investigations/entities/proceeding.entity';

/** Every entity, listed so that a reviewer sees the whole schema the service maps. */
export const ENTITIES = [
  Organisation,
  User,
  AuthSession,
  LoginThrottle,
  DataKey,
  Person,
  PersonBlindIndex,
  DuplicateCheckThrottle,
  VictimCase,
  Consent,
  Screening,
  TraffickingEvent,
  StageChange,
  Referral,
  Notification,
  AssistanceItem,
  Perpetrator,
  Proceeding,
];
