import { migrate, openDatabase } from '@astron/kit/db';
import { badRequest } from '@astron/kit/errors';
import { z } from 'zod';
import type { HubConfig } from '../config.js';
import { spaceStore } from '../spaces/store.js';
import { migrations } from '../store/migrations.js';
import type { HubSchema } from '../store/tables.js';
import { hashPassword } from './passwords.js';
import { userStore } from './users.js';

export interface CreatedAdmin {
  id: string;
  email: string;
  name: string;
  platformAdmin: true;
  personalSpaceId: string;
}

/** An admin checked and with the password hashed: ready to write, no database touched yet. */
export interface PreparedAdmin {
  email: string;
  name: string;
  passwordHash: string;
}

/** Checks the email and the password rules and hashes the password, so bad input fails before any database opens. */
export async function prepareAdmin(input: {
  email: string;
  password: string;
  name?: string;
}): Promise<PreparedAdmin> {
  const email = input.email.trim();
  if (!z.email().safeParse(email).success)
    throw badRequest(`"${input.email}" is not an email address`, { field: 'email' }, 'validation_failed');
  const name = input.name?.trim() || (email.split('@')[0] ?? email);
  return { email, name, passwordHash: await hashPassword(input.password) };
}

/**
 * Creates a platform admin straight in the hub's database (`astron admin create`), with no hub
 * running: migrations first, so it also works on a fresh database. A taken email is a conflict.
 */
export async function createPlatformAdmin(config: HubConfig, admin: PreparedAdmin): Promise<CreatedAdmin> {
  const db = await openDatabase<HubSchema>(config.database);
  try {
    await migrate(db, migrations);
    const users = userStore(db, spaceStore(db));
    const { user, personalSpaceId } = await users.create({ ...admin, platformAdmin: true });
    return { id: user.id, email: user.email, name: user.name, platformAdmin: true, personalSpaceId };
  } finally {
    await db.close();
  }
}
