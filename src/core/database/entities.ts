import { AuthSession } from '../auth/entities/auth-session.entity';
import { LoginThrottle } from '../auth/entities/login-throttle.entity';
import { Organisation } from '../../modules/organisations/entities/organisation.entity';
import { User } from '../../modules/users/entities/user.entity';

/** Every entity, listed so that a reviewer sees the whole schema the service maps. */
export const ENTITIES = [Organisation, User, AuthSession, LoginThrottle];
