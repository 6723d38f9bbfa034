import { AppError, forbidden, notFound } from '@astron/kit/errors';
import type { Role } from '../auth/permissions.js';

export const lastOwner = () =>
  new AppError({ code: 'last_owner', status: 409, message: 'a space needs an owner: make another member owner first, or delete the space' });

export const personalSpace = (action: string) =>
  new AppError({ code: 'personal_space', status: 400, message: `a personal space cannot ${action}; create a team space for that` });

export const cannotGrant = (role: Role, wanted: Role) =>
  forbidden(`your role (${role}) cannot hand out or take away the role ${wanted}`, 'permission_denied', { permission: 'members.manage', role });

/** A member of another space is "not found", never "forbidden": ids of other spaces are not confirmed. */
export const memberNotFound = (userId: string) => notFound('member', userId);

export const alreadyMember = (email: string) =>
  new AppError({ code: 'already_member', status: 409, message: `${email} is already a member of this space`, details: { email } });
