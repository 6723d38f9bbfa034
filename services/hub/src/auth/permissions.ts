import { forbidden } from '@astron/kit/errors';

export const ROLES = ['owner', 'admin', 'editor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who may do what in a space (docs/permissions.md is generated from this table by its test, so the
 * two cannot drift). Every route names the permission it needs.
 */
export const PERMISSIONS = {
  'space.view': ['owner', 'admin', 'editor', 'viewer'],
  'space.update': ['owner', 'admin'],
  'space.delete': ['owner'],
  'members.view': ['owner', 'admin', 'editor', 'viewer'],
  'members.manage': ['owner', 'admin'],
  'providers.view': ['owner', 'admin', 'editor', 'viewer'],
  'providers.manage': ['owner', 'admin'],
  'apikeys.view': ['owner', 'admin', 'editor'],
  'apikeys.manage': ['owner', 'admin', 'editor'],
  'audit.view': ['owner', 'admin'],
  'resources.view': ['owner', 'admin', 'editor', 'viewer'],
  'resources.edit': ['owner', 'admin', 'editor'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function authorize(role: Role, permission: Permission): void {
  if (!can(role, permission)) {
    throw forbidden(`your role (${role}) in this space does not allow ${permission}`, 'permission_denied', { permission, role });
  }
}

/** Roles one may hand out: an owner any, an admin up to admin; nobody makes a second owner by invitation. */
export function canGrant(granter: Role, role: Role): boolean {
  if (role === 'owner') return granter === 'owner';
  return granter === 'owner' || granter === 'admin';
}
