import { Role } from './role';

/** Who is calling, as established from the bearer token for this request. */
export interface AuthenticatedUser {
  userId: string;
  username: string;
  organisationId: string;
  role: Role;
  sessionId: string;
  mfaEnrolled: boolean;
  /** Whether this session was opened with the second factor: what the MFA requirement asks for. */
  secondFactor: boolean;
  /** Set after an administrator's reset: the session may do nothing but change the password. */
  passwordChangeRequired: boolean;
}
