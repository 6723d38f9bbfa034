import type { OpenOptions } from '@astron/kit/service-client';
import type { HubContext } from '../context.js';
import { peerService, type PeerCaller } from '../peers.js';

export type KnowledgeCaller = PeerCaller;

/** An upload is forwarded as it came; the knowledge service parses and checks it. */
const UPLOAD_TIMEOUT_MS = 5 * 60_000;

/** Calls the knowledge service (KNOWLEDGE_URL) as a space and a person or app; `open` allows for uploads. */
export function knowledgeService(context: HubContext) {
  const peer = peerService(context, 'knowledge');
  return {
    call<T>(on: KnowledgeCaller, method: string, path: string, options: Omit<OpenOptions, 'on'> = {}): Promise<T> {
      return peer.call<T>(on, method, path, options);
    },
    open(on: KnowledgeCaller, method: string, path: string, options: Omit<OpenOptions, 'on'> = {}): Promise<Response> {
      return peer.open(on, method, path, { timeoutMs: UPLOAD_TIMEOUT_MS, ...options });
    },
  };
}

export type KnowledgeService = ReturnType<typeof knowledgeService>;
