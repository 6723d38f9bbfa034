import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { AppError, badRequest, notFound } from '@astron/kit/errors';
import { createServiceClient, readEventStream } from '@astron/kit/service-client';
import { knowledgeSpaces, knowledgeTarget } from '@astron/hub';
import { withHub, type ProvisioningOptions } from './provider.js';
import { progressLine } from './progress.js';

interface CreateOptions extends ProvisioningOptions {
  space: string;
  embeddingModel?: string;
  description?: string;
  url?: string;
}

interface UploadOptions extends ProvisioningOptions {
  space?: string;
  url?: string;
}

interface DocumentView {
  id: string;
  name: string;
  status: 'queued' | 'parsing' | 'embedding' | 'ready' | 'failed';
  chunkCount: number;
  embeddedCount: number;
  progress: number;
  error: { code: string; message: string } | null;
}

const knowledgeClient = (url: string, serviceToken: string) => createServiceClient({ baseUrl: url, serviceToken, caller: 'cli', timeoutMs: 5 * 60_000 });

/** The knowledge service of the running platform: --url, else KNOWLEDGE_URL of the configuration. */
const serviceUrl = (options: { url?: string }, configured: string) => options.url ?? configured;

/** Uploads one file and follows its ingestion until it is ready or failed, drawing its progress. */
async function uploadOne(client: ReturnType<typeof knowledgeClient>, on: { space: string; user: string }, kbId: string, path: string, print: (line: string) => void): Promise<DocumentView> {
  const bytes = await readFile(path).catch((error: unknown) => {
    throw badRequest(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`, undefined, 'file_unreadable');
  });
  const form = new FormData();
  form.append('file', new Blob([bytes]), basename(path));
  const encoded = new Response(form);
  const raw = { bytes: new Uint8Array(await encoded.arrayBuffer()), contentType: encoded.headers.get('content-type') ?? 'multipart/form-data' };
  const bar = progressLine(basename(path), print);
  // Follow the base's events before uploading, so no change of the new document is missed.
  const events = await client.open('GET', `/knowledge/bases/${encodeURIComponent(kbId)}/events`, { on, headers: { accept: 'text/event-stream' }, timeoutMs: 24 * 3_600_000 });
  const added = await client.open('POST', `/knowledge/bases/${encodeURIComponent(kbId)}/documents`, { on, raw });
  let document = (await added.json()) as DocumentView;
  bar.update(document.progress, document.status);
  if (events.body !== null && document.status !== 'ready' && document.status !== 'failed') {
    for await (const event of readEventStream(events.body)) {
      if (event.event !== 'document') continue;
      const changed = JSON.parse(event.data) as DocumentView;
      if (changed.id !== document.id) continue;
      document = changed;
      bar.update(document.progress, `${document.status} ${document.embeddedCount}/${document.chunkCount} chunks`);
      if (document.status === 'ready' || document.status === 'failed') break;
    }
  } else {
    await events.body?.cancel();
  }
  bar.done(document.status === 'ready' ? `ready, ${document.chunkCount} chunks` : `failed: ${document.error?.message ?? 'no reason given'}`);
  return document;
}

/** `astron kb create | upload`: knowledge bases of a space, through the running knowledge service. */
export function kbCommand(program: Command, print: (line: string) => void, fail: (error: unknown) => never): void {
  const kb = program.command('kb').description('knowledge bases of a space (the platform must be running)');

  kb.command('create <name>')
    .description('create a knowledge base; prints its id')
    .requiredOption('--space <space>', 'space id (sp_...) or its exact name')
    .option('--embedding-model <model>', "PROVIDER/MODEL (provider id or exact name); the space's default embedding model when absent")
    .option('--description <text>', 'what the knowledge base holds')
    .option('--url <url>', 'the knowledge service (default: KNOWLEDGE_URL of the configuration)')
    .option('-c, --config <file>', 'read variables from an env file (a distributed deployment)')
    .option('--json', 'print one JSON object')
    .action(async (name: string, options: CreateOptions) => {
      const target = await withHub(options, (config) => knowledgeTarget(config, { space: options.space, embeddingModel: options.embeddingModel, needModel: true })).catch(fail);
      const client = knowledgeClient(serviceUrl(options, target.knowledgeUrl), target.serviceToken);
      const created = await client
        .call<{ id: string; name: string; embeddingModel: string }>('POST', '/knowledge/bases', { on: { space: target.spaceId, user: target.ownerId }, body: { name, description: options.description ?? '', embeddingModel: target.embeddingModel } })
        .catch(fail);
      print(options.json ? JSON.stringify({ id: created.id, name: created.name, spaceId: target.spaceId, embeddingModel: created.embeddingModel }) : created.id);
    });

  kb.command('upload <kb> <files...>')
    .description('upload files to a knowledge base, one progress bar each; exits when their ingestion finished or failed')
    .option('--space <space>', 'the space of the knowledge base (found by asking each space when absent)')
    .option('--url <url>', 'the knowledge service (default: KNOWLEDGE_URL of the configuration)')
    .option('-c, --config <file>', 'read variables from an env file (a distributed deployment)')
    .option('--json', 'print one JSON object per file')
    .action(async (kbId: string, files: string[], options: UploadOptions) => {
      const known = await withHub(options, (config) => knowledgeSpaces(config)).catch(fail);
      const client = knowledgeClient(serviceUrl(options, known.knowledgeUrl), known.serviceToken);
      const candidates = known.spaces.filter((space) => options.space === undefined || space.spaceId === options.space);
      let on: { space: string; user: string } | null = null;
      for (const space of candidates) {
        const found = await client.call('GET', `/knowledge/bases/${encodeURIComponent(kbId)}`, { on: { space: space.spaceId, user: space.ownerId } }).then(
          () => true,
          (error: unknown) => {
            if (error instanceof AppError && error.status === 404) return false;
            throw error;
          },
        );
        if (found) {
          on = { space: space.spaceId, user: space.ownerId };
          break;
        }
      }
      if (on === null) fail(notFound('knowledge base', kbId));
      let failed = 0;
      for (const path of files) {
        const document = await uploadOne(client, on, kbId, path, options.json === true ? () => undefined : print).catch(fail);
        if (options.json) print(JSON.stringify({ file: path, id: document.id, status: document.status, chunks: document.chunkCount, error: document.error }));
        if (document.status !== 'ready') failed += 1;
      }
      if (failed > 0) process.exitCode = 1;
    });
}
