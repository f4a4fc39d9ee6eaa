import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { Permission } from './permission';

export const PERMISSION_KEY = 'panoh:permission';
export const PUBLIC_KEY = 'panoh:public';

/** The permission a route needs. Every route says this, or that it is public. */
export const RequirePermission = (permission: Permission) =>
  applyDecorators(SetMetadata(PERMISSION_KEY, permission), ApiBearerAuth());

/** A route anyone may call without logging in (login, health). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export const PASSWORD_CHANGE_OPEN_KEY = 'panoh:password-change-open';

/**
 * A route a session may call while its user must change their password (after an administrator's
 * reset): the password change itself, and what it takes to reach it or to leave (who am I, sign out).
 */
export const OpenDuringPasswordChange = () => SetMetadata(PASSWORD_CHANGE_OPEN_KEY, true);
