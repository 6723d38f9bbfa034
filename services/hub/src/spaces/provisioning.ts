import { AppError, badRequest } from '@astron/kit/errors';
import { userStore } from '../accounts/users.js';
import type { HubConfig } from '../config.js';
import { openHubStore } from '../providers/provisioning.js';
import { createTeamSpace } from './lifecycle.js';
import { spaceName } from './schemas.js';
import { spaceStore } from './store.js';

export interface TeamSpaceProvisioned {
  id: string;
  name: string;
  kind: 'team';
  owner: { id: string; email: string };
}

/** `astron space create NAME --owner EMAIL`: a team space owned by an existing account, written straight to the hub database. */
export async function provisionTeamSpace(config: HubConfig, input: { name: string; ownerEmail: string }): Promise<TeamSpaceProvisioned> {
  const name = spaceName.safeParse(input.name);
  if (!name.success) throw badRequest(`space name: ${name.error.issues.map((issue) => issue.message).join('; ')}`, undefined, 'validation_failed');
  const store = await openHubStore(config);
  try {
    const spaces = spaceStore(store.db);
    const owner = await userStore(store.db, spaces).findByEmail(input.ownerEmail);
    if (owner === null) {
      const email = input.ownerEmail.trim().toLowerCase();
      throw new AppError({ code: 'not_found', status: 404, message: `no account has the email ${email}; create it first: astron admin create --email ${email} --password ...` });
    }
    const space = await createTeamSpace(spaces, store.audit, { name: name.data, ownerId: owner.id, actor: null });
    return { id: space.id, name: space.name, kind: 'team', owner: { id: owner.id, email: owner.email } };
  } finally {
    await store.close();
  }
}
