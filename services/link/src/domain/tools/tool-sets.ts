import { randomBytes } from 'node:crypto';
import type { Keyring } from '@astron/kit/crypto';
import { noAuth, sealAuth, type AuthInput } from '../auth/auth.js';
import { notPublished, toolSetNotFound, versionExists, versionNotFound } from '../errors.js';
import type { DocumentImporter, DocumentSource, ImportedDocument } from '../openapi/import.js';
import { serverUrlOf } from '../openapi/servers.js';
import type { ToolSnapshot } from '../run/run-tool.js';
import type { ToolSetContent, ToolSetPatch, ToolSetRecord, ToolSetsStore } from '../../store/tool-sets-store.js';
import type { VersionRecord, VersionsStore } from '../../store/versions-store.js';

export interface CreateToolSet {
  name?: string | undefined;
  description?: string | undefined;
  source: DocumentSource;
  /** Overrides the document's server. */
  serverUrl?: string | undefined;
  auth?: AuthInput | undefined;
  /** The original's header.app_id, kept for its API. */
  appId?: string | null | undefined;
}

export interface UpdateToolSet {
  name?: string | undefined;
  description?: string | undefined;
  /** Imports the document again into the draft. */
  source?: DocumentSource | undefined;
  /** A URL overrides the document's server; null goes back to the document's. */
  serverUrl?: string | null | undefined;
  auth?: AuthInput | undefined;
}

/** Ids as the original core-link's: `tool@` and hex digits. */
export const newToolSetId = () => `tool@${randomBytes(8).toString('hex')}`;

export function contentOf(imported: ImportedDocument, names: { name?: string | undefined; description?: string | undefined }, serverUrl: string | undefined): ToolSetContent {
  const { catalog } = imported;
  return {
    name: names.name ?? (catalog.title || 'Untitled tool'),
    description: names.description ?? catalog.description,
    sourceKind: imported.sourceKind,
    sourceUrl: imported.sourceUrl,
    format: catalog.format,
    document: imported.document,
    serverUrl: serverUrl ?? catalog.serverUrl,
    operations: catalog.operations,
    skipped: catalog.skipped,
  };
}

/** Tool sets of a space: an editable draft each, immutable published versions, credentials sealed. */
export function toolSetsDomain(deps: { store: ToolSetsStore; versions: VersionsStore; importer: DocumentImporter; keyring: Keyring }) {
  const { store, versions, importer, keyring } = deps;

  async function find(spaceId: string, id: string): Promise<ToolSetRecord> {
    const record = await store.get(spaceId, id);
    if (record === null) throw toolSetNotFound(id);
    return record;
  }

  async function publishContent(record: ToolSetRecord, actor: string, label: string | null): Promise<VersionRecord> {
    const { id: toolSetId, spaceId, name, description, format, document, serverUrl, operations, skipped } = record;
    const published = await versions.insert({ toolSetId, spaceId, version: label, name, description, format, document, serverUrl, operations, skipped, publishedBy: actor });
    if (published === null) throw versionExists(toolSetId, label ?? 'with the next number');
    return published;
  }

  return {
    find,

    /** Reads and checks a document without storing anything (the compatible API checks every tool of a batch first). */
    read: (source: DocumentSource) => importer.read(source),

    /** Stores a document already read (and checked) as a new tool set. */
    async createFrom(spaceId: string, actor: string, imported: ImportedDocument, input: Omit<CreateToolSet, 'source'>): Promise<ToolSetRecord> {
      const auth = input.auth === undefined ? noAuth : sealAuth(input.auth, null, keyring);
      return store.insert({ id: newToolSetId(), spaceId, appId: input.appId ?? null, createdBy: actor, auth, ...contentOf(imported, input, input.serverUrl) });
    },

    async list(spaceId: string): Promise<{ records: ToolSetRecord[]; latest: Map<string, string> }> {
      const records = await store.list(spaceId);
      return { records, latest: await versions.latestLabels(spaceId, records.map((record) => record.id)) };
    },

    async update(spaceId: string, id: string, input: UpdateToolSet): Promise<ToolSetRecord> {
      const current = await find(spaceId, id);
      let patch: ToolSetPatch = {};
      if (input.source !== undefined) patch = contentOf(await importer.read(input.source), {}, undefined);
      if (input.name !== undefined) patch.name = input.name;
      if (input.description !== undefined) patch.description = input.description;
      if (input.serverUrl !== undefined) patch.serverUrl = input.serverUrl ?? serverUrlOf(patch.document ?? current.document, patch.sourceUrl ?? current.sourceUrl);
      if (input.auth !== undefined) patch.auth = sealAuth(input.auth, current.auth, keyring);
      // A re-import keeps the names a person gave unless the patch names new ones.
      if (input.source !== undefined && input.name === undefined) patch.name = current.name;
      if (input.source !== undefined && input.description === undefined) patch.description = current.description;
      const updated = await store.update(spaceId, id, patch);
      if (updated === null) throw toolSetNotFound(id);
      return updated;
    },

    async remove(spaceId: string, id: string): Promise<void> {
      if (!(await store.remove(spaceId, id))) throw toolSetNotFound(id);
    },

    /** The draft as it is now becomes an immutable version: `label`, or v<N>. */
    async publish(spaceId: string, id: string, actor: string, label: string | null = null): Promise<VersionRecord> {
      return publishContent(await find(spaceId, id), actor, label);
    },

    /** Sets the draft and publishes it at once (the original's create and "add version"). */
    async replaceAndPublish(spaceId: string, id: string, actor: string, patch: ToolSetPatch, label: string | null): Promise<VersionRecord> {
      const current = await find(spaceId, id);
      if (label !== null && (await versions.get(spaceId, id, label)) !== null) throw versionExists(id, label);
      const updated = await store.update(spaceId, id, patch);
      return publishContent(updated ?? current, actor, label);
    },

    async latest(spaceId: string, id: string): Promise<VersionRecord> {
      await find(spaceId, id);
      const version = await versions.latest(spaceId, id);
      if (version === null) throw notPublished(id);
      return version;
    },

    async versions(spaceId: string, id: string) {
      await find(spaceId, id);
      return versions.list(spaceId, id);
    },

    async version(spaceId: string, id: string, label: string): Promise<VersionRecord> {
      await find(spaceId, id);
      const version = await versions.get(spaceId, id, label);
      if (version === null) throw versionNotFound(id, label);
      return version;
    },

    async removeVersion(spaceId: string, id: string, label: string): Promise<void> {
      await find(spaceId, id);
      if (!(await versions.remove(spaceId, id, label))) throw versionNotFound(id, label);
    },

    /** What a call runs: a version by label, the latest published one (no version), or the draft ('draft'). */
    async snapshot(spaceId: string, id: string, version?: string | null): Promise<ToolSnapshot> {
      const record = await find(spaceId, id);
      if (version === 'draft') return { toolSetId: id, version: 'draft', name: record.name, description: record.description, serverUrl: record.serverUrl, operations: record.operations, auth: record.auth };
      const published = version === undefined || version === null || version === '' || version === 'latest' ? await versions.latest(spaceId, id) : await versions.get(spaceId, id, version);
      if (published === null) throw version === undefined || version === null || version === '' || version === 'latest' ? notPublished(id) : versionNotFound(id, version);
      return { toolSetId: id, version: published.version, name: published.name, description: published.description, serverUrl: published.serverUrl, operations: published.operations, auth: record.auth };
    },
  };
}

export type ToolSetsDomain = ReturnType<typeof toolSetsDomain>;
