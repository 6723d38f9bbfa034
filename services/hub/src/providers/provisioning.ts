import { resolveSecrets } from '@astron/kit/config';
import { createKeyring, type Keyring } from '@astron/kit/crypto';
import { migrate, openDatabase, type Database } from '@astron/kit/db';
import { createEgressClient } from '@astron/kit/egress';
import { badRequest, notFound } from '@astron/kit/errors';
import { auditLog, type AuditLog } from '../audit/log.js';
import type { HubConfig } from '../config.js';
import { migrations } from '../store/migrations.js';
import type { HubSchema, SpacesTable } from '../store/tables.js';
import { modelRef, type ModelKind } from './models.js';
import { providersDomain, type NewProvider, type ProviderView } from './providers.js';
import { newProviderSchema } from './schemas.js';
import type { SpaceDefaults } from './store.js';

/** The hub's database and secrets, opened by a command-line tool (no HTTP, no session). */
export interface HubStore {
  db: Database<HubSchema>;
  keyring: Keyring;
  audit: AuditLog;
  serviceToken: string;
  close(): Promise<void>;
}

export async function openHubStore(config: HubConfig): Promise<HubStore> {
  const secrets = resolveSecrets(config.secrets, config.service.dataDir);
  const keyring = createKeyring({ currentKey: secrets.encryptionKey, currentKeyId: secrets.encryptionKeyId, oldKeys: secrets.oldEncryptionKeys });
  const db = await openDatabase<HubSchema>(config.database);
  try {
    await migrate(db, migrations);
  } catch (error) {
    await db.close();
    throw error;
  }
  return { db, keyring, audit: auditLog(db), serviceToken: secrets.serviceToken, close: () => db.close() };
}

/** A space by id, or by its exact name when exactly one space has it. */
export async function findSpace(db: Database<HubSchema>, ref: string): Promise<SpacesTable> {
  const byId = await db.kysely.selectFrom('spaces').selectAll().where('id', '=', ref).executeTakeFirst();
  if (byId !== undefined) return byId;
  const byName = await db.kysely.selectFrom('spaces').selectAll().where('name', '=', ref).limit(2).execute();
  if (byName.length > 1) throw badRequest(`several spaces are named "${ref}"; give the space id (sp_...)`, undefined, 'ambiguous_space');
  const [space] = byName;
  if (space === undefined) throw notFound('space', ref);
  return space;
}

export interface ProviderProvisioning {
  space: string;
  name: string;
  baseUrl: string;
  apiKey?: string;
  chatModel?: string;
  embeddingModel?: string;
}

const flags: Record<string, string> = { name: '--name', baseUrl: '--base-url', apiKey: '--api-key', models: '--chat-model/--embedding-model' };

/** The flags' values checked before any database is opened; the message names each bad flag. */
export function checkProviderProvisioning(input: ProviderProvisioning): NewProvider {
  const models: { id: string; kind: ModelKind }[] = [];
  if (input.chatModel !== undefined) models.push({ id: input.chatModel, kind: 'chat' });
  if (input.embeddingModel !== undefined) models.push({ id: input.embeddingModel, kind: 'embedding' });
  const parsed = newProviderSchema.safeParse({ name: input.name, baseUrl: input.baseUrl, apiKey: input.apiKey, models });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${flags[String(issue.path[0])] ?? String(issue.path[0])}: ${issue.message}`);
    throw badRequest(problems.join('; '), undefined, 'validation_failed');
  }
  return parsed.data;
}

/** `astron provider add`: a provider with the named models entered, and those models made the space's defaults. */
export async function addProvider(config: HubConfig, input: ProviderProvisioning): Promise<ProviderView & { spaceId: string; defaults: SpaceDefaults }> {
  const checked = checkProviderProvisioning(input);
  const store = await openHubStore(config);
  const egress = createEgressClient();
  try {
    const space = await findSpace(store.db, input.space);
    const providers = providersDomain({ ...store, egress });
    const acting = { spaceId: space.id, actor: null };
    const provider = await providers.create(acting, checked);
    const defaults = await providers.defaults.set(acting, {
      ...(input.chatModel === undefined ? {} : { chatModel: modelRef(provider.id, input.chatModel) }),
      ...(input.embeddingModel === undefined ? {} : { embeddingModel: modelRef(provider.id, input.embeddingModel) }),
    });
    return { ...provider, spaceId: space.id, defaults };
  } finally {
    await egress.close();
    await store.close();
  }
}

/** A script has no signed-in person: the space's owner stands for it, as the console would show. */
export async function ownerActing(store: HubStore, space: SpacesTable): Promise<{ spaceId: string; actor: { id: string; email: string } }> {
  const owner = await store.db.kysely.selectFrom('users').select(['id', 'email']).where('id', '=', space.owner_id).executeTakeFirst();
  if (owner === undefined) throw notFound('owner of space', space.id);
  return { spaceId: space.id, actor: { id: owner.id, email: owner.email } };
}

/** Opens the hub's database for one provisioning command and closes it after. */
export async function withStore<T>(config: HubConfig, run: (store: HubStore) => Promise<T>): Promise<T> {
  const store = await openHubStore(config);
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}
