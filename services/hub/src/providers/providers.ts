import type { Keyring } from '@astron/kit/crypto';
import { randomId } from '@astron/kit/crypto';
import type { Database } from '@astron/kit/db';
import type { EgressClient } from '@astron/kit/egress';
import { badRequest, notFound } from '@astron/kit/errors';
import type { AuditLog } from '../audit/log.js';
import type { HubSchema, ProvidersTable } from '../store/tables.js';
import { fetchModelIds, pingChatModel } from './connection.js';
import { defaultsDomain } from './defaults.js';
import { enteredModels, mergeFetched, readModels, type ModelKind, type ProviderModel } from './models.js';
import { openEndpoint, openHeaders, sealApiKey, sealHeaders } from './secrets.js';
import { providerStore } from './store.js';

/** Who acts: a signed-in person (routes) or an operator at the command line (actor null). */
export interface Acting {
  spaceId: string;
  actor: { id: string; email: string } | null;
  ip?: string;
}

export interface ProviderView {
  id: string;
  name: string;
  baseUrl: string;
  hasApiKey: boolean;
  headerNames: string[];
  models: ProviderModel[];
  lastTest: { at: string; ok: boolean; message: string } | null;
  createdAt: string;
  updatedAt: string;
}

export interface NewProvider {
  name: string;
  baseUrl: string;
  apiKey?: string | null;
  headers?: Record<string, string>;
  models?: { id: string; kind: ModelKind }[];
}

export type ProviderChanges = Partial<NewProvider>;

export interface ProviderDeps {
  db: Database<HubSchema>;
  keyring: Keyring;
  egress: EgressClient;
  audit: AuditLog;
}

/**
 * Moving a provider to another origin while keeping its sealed key would let anyone who may edit it
 * send the key to a server of their choice and read it there; the key and headers must come again.
 */
function requireCredentialsOnMove(current: ProvidersTable, changes: ProviderChanges): void {
  if (changes.baseUrl === undefined || new URL(changes.baseUrl).origin === new URL(current.base_url).origin) return;
  const missing = [
    ...(current.api_key_sealed !== null && changes.apiKey === undefined ? ['apiKey'] : []),
    ...(current.headers_sealed !== null && changes.headers === undefined ? ['headers'] : []),
  ];
  if (missing.length > 0) {
    throw badRequest(
      `the base URL moves to ${new URL(changes.baseUrl).origin}: send ${missing.join(' and ')} again (or null / {} to drop them)`,
      missing.map((field) => ({ field, message: 'required when the base URL changes host' })),
      'credentials_required',
    );
  }
}

/** Model providers of a space: any OpenAI-compatible endpoint, its key sealed, its models listed. */
export function providersDomain(deps: ProviderDeps) {
  const store = providerStore(deps.db);
  const defaults = defaultsDomain(store, deps.audit);

  function view(row: ProvidersTable): ProviderView {
    return {
      id: row.id,
      name: row.name,
      baseUrl: row.base_url,
      hasApiKey: row.api_key_sealed !== null,
      headerNames: Object.keys(openHeaders(deps.keyring, row)),
      models: readModels(row.models),
      lastTest:
        row.last_test_at === null ? null : { at: row.last_test_at.toISOString(), ok: Boolean(row.last_test_ok), message: row.last_test_message ?? '' },
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
    };
  }

  async function find(spaceId: string, id: string): Promise<ProvidersTable> {
    const row = await store.find(spaceId, id);
    if (row === null) throw notFound('provider', id);
    return row;
  }

  const record = (acting: Acting, action: string, id: string, details: Record<string, unknown>) =>
    deps.audit.record({ spaceId: acting.spaceId, actor: acting.actor, action, target: { type: 'provider', id }, details, ...(acting.ip === undefined ? {} : { ip: acting.ip }) });

  return {
    defaults,

    async list(spaceId: string): Promise<{ items: ProviderView[]; defaults: Awaited<ReturnType<typeof store.defaults>> }> {
      const rows = await store.list(spaceId);
      return { items: rows.map(view), defaults: await store.defaults(spaceId) };
    },

    async get(spaceId: string, id: string): Promise<ProviderView> {
      return view(await find(spaceId, id));
    },

    async create(acting: Acting, input: NewProvider): Promise<ProviderView> {
      const now = new Date();
      const models = enteredModels([], input.models ?? []);
      const row = {
        id: randomId('pv'),
        space_id: acting.spaceId,
        name: input.name,
        base_url: input.baseUrl,
        api_key_sealed: sealApiKey(deps.keyring, input.apiKey ?? null),
        headers_sealed: sealHeaders(deps.keyring, input.headers ?? {}),
        models,
        last_test_at: null,
        last_test_ok: null,
        last_test_message: null,
        created_at: now,
        updated_at: now,
      };
      await store.insert(row);
      await record(acting, 'provider.created', row.id, { name: row.name, baseUrl: row.base_url, hasApiKey: row.api_key_sealed !== null, headerNames: Object.keys(input.headers ?? {}) });
      return view(row);
    },

    async update(acting: Acting, id: string, changes: ProviderChanges): Promise<ProviderView> {
      const current = await find(acting.spaceId, id);
      requireCredentialsOnMove(current, changes);
      const models = changes.models === undefined ? undefined : enteredModels(readModels(current.models), changes.models);
      await store.update(acting.spaceId, id, {
        ...(changes.name === undefined ? {} : { name: changes.name }),
        ...(changes.baseUrl === undefined ? {} : { base_url: changes.baseUrl }),
        ...(changes.apiKey === undefined ? {} : { api_key_sealed: sealApiKey(deps.keyring, changes.apiKey) }),
        ...(changes.headers === undefined ? {} : { headers_sealed: sealHeaders(deps.keyring, changes.headers) }),
        ...(models === undefined ? {} : { models }),
      });
      if (models !== undefined) await defaults.forgetMissing(acting, id, models);
      // Which fields changed, never their values: the key and header values stay out of the audit trail.
      const changed = Object.keys(changes).filter((key) => changes[key as keyof ProviderChanges] !== undefined);
      await record(acting, 'provider.updated', id, { changed, ...(changes.apiKey === null ? { apiKeyCleared: true } : {}) });
      return view(await find(acting.spaceId, id));
    },

    async remove(acting: Acting, id: string): Promise<void> {
      const current = await find(acting.spaceId, id);
      await store.remove(acting.spaceId, id);
      await defaults.forgetMissing(acting, id, []);
      await record(acting, 'provider.deleted', id, { name: current.name });
    },

    async refreshModels(acting: Acting, id: string): Promise<ProviderView> {
      const current = await find(acting.spaceId, id);
      const fetched = await fetchModelIds(deps.egress, openEndpoint(deps.keyring, current));
      const models = mergeFetched(readModels(current.models), fetched);
      await store.update(acting.spaceId, id, { models });
      await defaults.forgetMissing(acting, id, models);
      await record(acting, 'provider.updated', id, { changed: ['models'], fetched: fetched.length });
      return view(await find(acting.spaceId, id));
    },

    /** GET /models, then a one-token chat completion when a chat model is known. Never throws for the provider's faults. */
    async test(spaceId: string, id: string): Promise<{ ok: boolean; message: string; latencyMs: number; modelCount: number }> {
      const current = await find(spaceId, id);
      const endpoint = openEndpoint(deps.keyring, current);
      const started = performance.now();
      let modelCount = 0;
      let outcome: { ok: boolean; message: string };
      try {
        const ids = await fetchModelIds(deps.egress, endpoint);
        modelCount = ids.length;
        const chatModel = await defaults.chatModelToTry(spaceId, id, readModels(current.models));
        if (chatModel !== null) await pingChatModel(deps.egress, endpoint, chatModel);
        const host = new URL(endpoint.baseUrl).host;
        outcome = { ok: true, message: `${host} lists ${ids.length} model(s)${chatModel === null ? '' : `; ${chatModel} answered a chat completion`}` };
      } catch (error) {
        outcome = { ok: false, message: error instanceof Error ? error.message : String(error) };
      }
      const latencyMs = Math.round(performance.now() - started);
      await store.recordTest(spaceId, id, { at: new Date(), ...outcome });
      return { ...outcome, latencyMs, modelCount };
    },
  };
}

export type ProvidersDomain = ReturnType<typeof providersDomain>;
