import { PERMISSIONS, ROLES, can, canGrant, type Permission } from '../auth/permissions.js';

/** One line per permission: what it lets a member do. A new permission without a line does not compile. */
export const PERMISSION_MEANINGS: Record<Permission, string> = {
  'space.view': 'see the space, its name and kind, and switch to it',
  'space.update': 'rename the space',
  'space.delete': 'delete a team space with everything in it (a personal space cannot be deleted)',
  'members.view': 'list the members of the space and their roles',
  'members.manage': 'invite people, revoke invitations, change roles and remove members (within the grant rules below)',
  'providers.view': 'list model providers, their models and the default models (never their keys)',
  'providers.manage': 'add, change, test and delete model providers and set the default models',
  'apikeys.view': 'list API keys (name, prefix, last use; never the secret)',
  'apikeys.manage': 'create API keys (the key is shown once) and revoke them',
  'audit.view': "read the space's audit log",
  'resources.view': 'open agents, workflows, knowledge bases, plugins and databases of the space',
  'resources.edit': 'create, change, publish and delete agents, workflows, knowledge bases, plugins and databases',
};

export const GENERATED_START = '<!-- generated from services/hub/src/auth/permissions.ts: do not edit by hand -->';
export const GENERATED_END = '<!-- end of generated part -->';

const mark = (yes: boolean) => (yes ? '✓' : '—');

/** The role × permission table and the grant rules, as the Markdown docs/permissions.md holds. */
export function permissionsMarkdown(): string {
  const permissions = Object.keys(PERMISSIONS) as Permission[];
  const lines = [
    GENERATED_START,
    '',
    `| permission | ${ROLES.join(' | ')} | lets a member |`,
    `|---|${ROLES.map(() => ':-:|').join('')}---|`,
    ...permissions.map((permission) => `| \`${permission}\` | ${ROLES.map((role) => mark(can(role, permission))).join(' | ')} | ${PERMISSION_MEANINGS[permission]} |`),
    '',
    'Who may give (or take away) which role, with `members.manage`:',
    '',
    `| granter \\ role | ${ROLES.join(' | ')} |`,
    `|---|${ROLES.map(() => ':-:|').join('')}`,
    ...ROLES.filter((granter) => can(granter, 'members.manage')).map((granter) => `| ${granter} | ${ROLES.map((role) => mark(canGrant(granter, role))).join(' | ')} |`),
    '',
    GENERATED_END,
  ];
  return lines.join('\n');
}

/** The document with its generated part replaced by the current table. */
export function withGeneratedTable(document: string): string {
  const start = document.indexOf(GENERATED_START);
  const end = document.indexOf(GENERATED_END);
  if (start < 0 || end < start) throw new Error(`docs/permissions.md has lost its markers (${GENERATED_START} ... ${GENERATED_END})`);
  return document.slice(0, start) + permissionsMarkdown() + document.slice(end + GENERATED_END.length);
}
