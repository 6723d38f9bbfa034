import { useQueryClient, useSuspenseQuery, type QueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from './index.js';
import type { Me, Permission } from './types.js';

/** Query keys. Everything that belongs to the current space starts with 'space', so a switch resets it at once. */
export const keys = {
  setup: ['setup'] as const,
  me: ['me'] as const,
  space: ['space'] as const,
  members: ['space', 'members'] as const,
  invitations: ['space', 'invitations'] as const,
  providers: ['space', 'providers'] as const,
  apiKeys: ['space', 'api-keys'] as const,
  agents: ['space', 'agents'] as const,
  agent: (agentId: string) => ['space', 'agents', agentId] as const,
  agentVersions: (agentId: string) => ['space', 'agents', agentId, 'versions'] as const,
  /** An agent's logs with one source filter ('all', 'debug', 'api'); without it, those of every filter. */
  agentConversations: (agentId: string, source?: string) =>
    ['space', 'agents', agentId, 'conversations', ...(source === undefined ? [] : [source])] as const,
  agentConversation: (agentId: string, conversationId: string) =>
    ['space', 'agents', agentId, 'conversation', conversationId] as const,
  workflows: ['space', 'workflows'] as const,
  workflow: (workflowId: string) => ['space', 'workflows', workflowId] as const,
  workflowVersions: (workflowId: string) => ['space', 'workflows', workflowId, 'versions'] as const,
  /** A workflow's run history with one status filter ('all' or a status); without it, those of every filter. */
  workflowRuns: (workflowId: string, status?: string) =>
    ['space', 'workflows', workflowId, 'runs', ...(status === undefined ? [] : [status])] as const,
  workflowRun: (workflowId: string, runId: string) => ['space', 'workflows', workflowId, 'run', runId] as const,
  knowledgeBases: ['space', 'knowledge-bases'] as const,
  knowledgeBase: (kbId: string) => ['space', 'knowledge-bases', kbId] as const,
  /** A base's documents (every status filter under it). */
  knowledgeDocuments: (kbId: string) => ['space', 'knowledge-bases', kbId, 'documents'] as const,
  /** A document's chunks; without the page and filter, those of every page. */
  knowledgeChunks: (kbId: string, documentId: string, page?: { offset: number; q: string }) =>
    ['space', 'knowledge-bases', kbId, 'chunks', documentId, ...(page === undefined ? [] : [page.offset, page.q])] as const,
  toolSets: ['space', 'tool-sets'] as const,
  toolSet: (toolSetId: string) => ['space', 'tool-sets', toolSetId] as const,
  toolSetVersions: (toolSetId: string) => ['space', 'tool-sets', toolSetId, 'versions'] as const,
  toolSetVersion: (toolSetId: string, version: string) => ['space', 'tool-sets', toolSetId, 'versions', version] as const,
  mcpServers: ['space', 'mcp-servers'] as const,
  mcpTools: (serverId: string) => ['space', 'mcp-servers', serverId, 'tools'] as const,
  aiTools: ['space', 'ai-tools'] as const,
  rpa: ['space', 'rpa'] as const,
  databases: ['space', 'databases'] as const,
  database: (databaseId: number) => ['space', 'databases', databaseId] as const,
  /** A database's tables in one copy; without it, those of both. */
  databaseTables: (databaseId: number, env?: string) =>
    ['space', 'databases', databaseId, 'tables', ...(env === undefined ? [] : [env])] as const,
  /** Rows of a database's tables; narrowed to one table and its query. */
  databaseRows: (databaseId: number, ...query: unknown[]) => ['space', 'databases', databaseId, 'rows', ...query] as const,
  audit: (scope: string, action: string) => ['space', 'audit', scope, action] as const,
  invitationPreview: (token: string) => ['invitation-preview', token] as const,
};

export const setupQuery = { queryKey: keys.setup, queryFn: () => api.setup.get(), staleTime: 30_000 };
/** The session check of the app's routes: a 401 here is an answer, not a reason to redirect twice. */
export const meQuery = {
  queryKey: keys.me,
  queryFn: () => api.me.get({ redirectOnUnauthorized: false }),
  staleTime: 60_000,
};

/** The signed-in person (the app's routes load it before rendering). */
export function useMe(): Me {
  return useSuspenseQuery(meQuery).data;
}

export function usePermissions(): { can: (permission: Permission) => boolean } {
  const me = useMe();
  const can = useCallback((permission: Permission) => me.currentSpace.permissions.includes(permission), [me]);
  return { can };
}

/** After anything that changes who is signed in or which space is current: new `Me`, fresh space data. */
export async function adoptMe(queryClient: QueryClient, me: Me): Promise<void> {
  queryClient.setQueryData(keys.me, me);
  queryClient.setQueryData(keys.setup, (setup: { needsSetup: boolean } | undefined) =>
    setup === undefined ? setup : { ...setup, needsSetup: false },
  );
  await queryClient.resetQueries({ queryKey: keys.space });
}

export function useAdoptMe(): (me: Me) => Promise<void> {
  const queryClient = useQueryClient();
  return useCallback((me: Me) => adoptMe(queryClient, me), [queryClient]);
}
