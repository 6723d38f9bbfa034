import { z } from 'zod';
import { ROLES } from '../auth/permissions.js';
import type { PendingInvitation } from './invitation-store.js';
import type { Member } from './store.js';

const iso = (value: Date | string) => new Date(value).toISOString();

export const spaceName = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');
export const spaceSchema = z.object({ id: z.string(), name: z.string(), kind: z.enum(['personal', 'team']) });

export const roleSchema = z.enum(ROLES);
export const invitedRoleSchema = z.enum(['admin', 'editor', 'viewer']);

export const memberSchema = z.object({ userId: z.string(), email: z.string(), name: z.string(), role: roleSchema, joinedAt: z.string() });
export const userIdParams = z.object({ userId: z.string().min(1).max(64) });

export const memberView = (member: Member): z.infer<typeof memberSchema> => ({ ...member, joinedAt: iso(member.joinedAt) });

export const invitationSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: invitedRoleSchema,
  invitedBy: z.object({ id: z.string(), email: z.string(), name: z.string() }).nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
});
export const createdInvitationSchema = z.object({ id: z.string(), email: z.string(), role: invitedRoleSchema, expiresAt: z.string(), acceptUrl: z.string() });
export const invitationIdParams = z.object({ id: z.string().min(1).max(64) });
export const newInvitationSchema = z.object({ email: z.email('must be an email address').max(254), role: invitedRoleSchema });

export const invitationView = (invitation: PendingInvitation): z.infer<typeof invitationSchema> => ({
  id: invitation.id,
  email: invitation.email,
  role: invitation.role,
  invitedBy: invitation.inviter,
  createdAt: iso(invitation.created_at),
  expiresAt: iso(invitation.expires_at),
});
