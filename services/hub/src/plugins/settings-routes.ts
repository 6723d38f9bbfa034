import { z } from 'zod';
import type { App } from '@astron/kit/http';
import type { Actor } from '../auth/guard.js';
import type { HubContext } from '../context.js';
import { peerService } from '../peers.js';
import { aiModelsDomain, type SettingsActing } from './ai-models.js';
import { pluginSettingsStore, type AiModels } from './settings-store.js';

const tags = ['plugins'];
const modelReference = z.string().trim().min(3).max(600).nullable().optional();
const aiModelsBody = z.strictObject({ image: modelReference, speech: modelReference, transcription: modelReference, vision: modelReference, chat: modelReference });
const rpaBody = z.strictObject({ token: z.string().trim().min(1, 'must not be empty; send null to remove the token').max(4_096).nullable() });
const rpaView = z.object({ configured: z.boolean(), reachable: z.boolean(), tokenSet: z.boolean() });

const acting = (actor: Actor): SettingsActing => ({ spaceId: actor.spaceId, actor: { id: actor.user.id, email: actor.user.email }, ip: actor.ip });

/** The space's settings for the built-in AI tools (which models) and for RPA (the platform token). */
export function pluginSettingsRoutes(app: App, context: HubContext): void {
  const models = aiModelsDomain(context);
  const settings = pluginSettingsStore(context.db);
  const aitools = peerService(context, 'aitools');
  const rpa = peerService(context, 'rpa', { timeoutMs: 5_000 });

  /** The aitools service's tool list, each tool available or saying which model it lacks. */
  async function aiToolsView(actor: Actor): Promise<{ models: AiModels; tools: unknown[] }> {
    const chosen = await models.effective(actor.spaceId);
    const query = Object.fromEntries(Object.entries(chosen).filter(([, value]) => value !== null)) as Record<string, string>;
    const answer = await aitools.call<{ tools: unknown[] }>({ space: actor.spaceId, user: actor.user.id }, 'GET', '/aitools/v1/tools', { query });
    return { models: chosen, tools: answer.tools };
  }

  app.get('/api/plugins/ai-tools', { schema: { tags } }, async (request) => aiToolsView(await context.guard.require(request, 'resources.view')));

  app.put('/api/plugins/ai-tools/models', { schema: { tags, body: aiModelsBody } }, async (request) => {
    const actor = await context.guard.require(request, 'resources.edit');
    await models.set(acting(actor), request.body);
    return aiToolsView(actor);
  });

  async function rpaState(actor: Actor): Promise<z.infer<typeof rpaView>> {
    const tokenSet = (await settings.rpaTokenSealed(actor.spaceId)) !== null;
    // The RPA service probes its platform without any token; an RPA service the hub cannot reach configures nothing.
    const status = await rpa.call<{ configured: boolean; reachable: boolean | null }>({ space: actor.spaceId }, 'GET', '/rpa/v1/status').catch(() => null);
    return { configured: status?.configured ?? false, reachable: status?.reachable ?? false, tokenSet };
  }

  app.get('/api/plugins/rpa', { schema: { tags, response: { 200: rpaView } } }, async (request) => rpaState(await context.guard.require(request, 'resources.view')));

  app.put('/api/plugins/rpa', { schema: { tags, body: rpaBody, response: { 200: rpaView } } }, async (request) => {
    const actor = await context.guard.require(request, 'resources.edit');
    const { token } = request.body;
    await settings.setRpaTokenSealed(actor.spaceId, token === null ? null : context.keyring.encrypt(token));
    const who = acting(actor);
    await context.audit.record({ spaceId: who.spaceId, actor: who.actor, action: token === null ? 'plugins.rpa_token_removed' : 'plugins.rpa_token_set', target: { type: 'space', id: who.spaceId }, details: {}, ip: actor.ip });
    return rpaState(actor);
  });
}
