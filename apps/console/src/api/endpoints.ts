import type { ApiClient } from './client.js';
import { databaseEndpoints } from './database-endpoints.js';
import { pluginEndpoints } from './plugin-endpoints.js';
import type {
  Agent,
  AgentChanges,
  AgentDraft,
  AgentExport,
  AgentVersion,
  ApiKey,
  AuditEntry,
  ConnectionTest,
  ConversationDetail,
  ConversationSource,
  ConversationSummary,
  CreatedApiKey,
  CreatedInvitation,
  ChunkPage,
  DocumentStatus,
  InvitableRole,
  KnowledgeBase,
  KnowledgeBaseInput,
  KnowledgeChunk,
  KnowledgeDocument,
  Invitation,
  InvitationPreview,
  Me,
  Member,
  Page,
  Provider,
  ProviderDefaults,
  ProviderInput,
  RetrievalQuery,
  RetrievedPassage,
  Role,
  SetupState,
  RunStatus,
  Workflow,
  WorkflowChanges,
  WorkflowExport,
  WorkflowImportWarning,
  WorkflowProblem,
  WorkflowRun,
  WorkflowRunDetail,
  WorkflowSummary,
  WorkflowVersion,
} from './types.js';

/** Every call of docs/api/console-api.md, one typed function each. */
export function endpoints(client: ApiClient) {
  const id = encodeURIComponent;
  return {
    setup: {
      get: () => client.get<SetupState>('/api/setup', { redirectOnUnauthorized: false }),
      create: (body: { email: string; name: string; password: string }) =>
        client.post<Me>('/api/setup', body, { csrf: false }),
    },
    auth: {
      login: (body: { email: string; password: string }) =>
        client.post<Me>('/api/auth/login', body, { redirectOnUnauthorized: false, csrf: false }),
      logout: () =>
        client.post<{ redirectTo: string | null }>('/api/auth/logout', undefined, {
          redirectOnUnauthorized: false,
        }),
      ssoStartUrl: (returnTo: string) => client.url('/api/auth/oidc/start', { returnTo }),
    },
    me: {
      get: (options?: { redirectOnUnauthorized?: boolean }) => client.get<Me>('/api/me', options),
      update: (body: { name?: string; locale?: string }) => client.patch<Me>('/api/me', body),
      changePassword: (body: { currentPassword: string; newPassword: string }) =>
        client.post<void>('/api/me/password', body),
      switchSpace: (spaceId: string) => client.post<Me>('/api/me/space', { spaceId }),
    },
    invitations: {
      accept: (token: string) =>
        client.post<Me>('/api/invitations/accept', { token }, { redirectOnUnauthorized: false }),
      preview: (token: string) =>
        client.get<InvitationPreview>('/api/invitations/preview', {
          query: { token },
          redirectOnUnauthorized: false,
        }),
      register: (body: { token: string; name: string; password: string }) =>
        client.post<Me>('/api/invitations/register', body, { redirectOnUnauthorized: false, csrf: false }),
      list: () => client.get<{ items: Invitation[] }>('/api/invitations'),
      create: (body: { email: string; role: InvitableRole }) =>
        client.post<CreatedInvitation>('/api/invitations', body),
      revoke: (invitationId: string) => client.delete(`/api/invitations/${id(invitationId)}`),
    },
    spaces: {
      create: (body: { name: string }) =>
        client.post<{ id: string; name: string; kind: 'team' }>('/api/spaces', body),
      update: (body: { name: string }) => client.patch<unknown>('/api/space', body),
      remove: () => client.delete('/api/space'),
    },
    members: {
      list: () => client.get<{ items: Member[] }>('/api/members'),
      changeRole: (userId: string, role: Role) =>
        client.patch<Member>(`/api/members/${id(userId)}`, { role }),
      remove: (userId: string) => client.delete(`/api/members/${id(userId)}`),
    },
    providers: {
      list: () => client.get<{ items: Provider[]; defaults: ProviderDefaults }>('/api/providers'),
      get: (providerId: string) => client.get<Provider>(`/api/providers/${id(providerId)}`),
      create: (body: ProviderInput) => client.post<Provider>('/api/providers', body),
      update: (providerId: string, body: ProviderInput) =>
        client.patch<Provider>(`/api/providers/${id(providerId)}`, body),
      remove: (providerId: string) => client.delete(`/api/providers/${id(providerId)}`),
      test: (providerId: string) => client.post<ConnectionTest>(`/api/providers/${id(providerId)}/test`),
      refreshModels: (providerId: string) =>
        client.post<Provider>(`/api/providers/${id(providerId)}/models/refresh`),
      setDefaults: (body: Partial<ProviderDefaults>) =>
        client.put<ProviderDefaults>('/api/providers/defaults', body),
    },
    apiKeys: {
      list: () => client.get<{ items: ApiKey[] }>('/api/api-keys'),
      create: (body: { name: string }) => client.post<CreatedApiKey>('/api/api-keys', body),
      revoke: (keyId: string) => client.delete(`/api/api-keys/${id(keyId)}`),
    },
    agents: {
      list: () => client.get<{ items: Agent[] }>('/api/agents'),
      get: (agentId: string) => client.get<Agent>(`/api/agents/${id(agentId)}`),
      create: (body: Partial<AgentDraft> & { name: string }) => client.post<Agent>('/api/agents', body),
      update: (agentId: string, body: AgentChanges) =>
        client.patch<Agent>(`/api/agents/${id(agentId)}`, body),
      remove: (agentId: string) => client.delete(`/api/agents/${id(agentId)}`),
      publish: (agentId: string) =>
        client.post<{ version: number; publishedAt: string }>(`/api/agents/${id(agentId)}/publish`),
      versions: (agentId: string) =>
        client.get<{ items: AgentVersion[] }>(`/api/agents/${id(agentId)}/versions`),
      rollback: (agentId: string, version: number) =>
        client.post<Agent>(`/api/agents/${id(agentId)}/rollback`, { version }),
      exportFile: (agentId: string) => client.get<AgentExport>(`/api/agents/${id(agentId)}/export`),
      importFile: (file: unknown) =>
        client.post<{ agent: Agent; warnings: string[] }>('/api/agents/import', file),
      conversations: (
        agentId: string,
        query: { cursor?: string | null; limit?: number; source?: ConversationSource },
      ) => client.get<Page<ConversationSummary>>(`/api/agents/${id(agentId)}/conversations`, { query }),
      conversation: (agentId: string, conversationId: string) =>
        client.get<ConversationDetail>(`/api/agents/${id(agentId)}/conversations/${id(conversationId)}`),
      removeConversation: (agentId: string, conversationId: string) =>
        client.delete(`/api/agents/${id(agentId)}/conversations/${id(conversationId)}`),
    },
    workflows: {
      list: () => client.get<{ items: WorkflowSummary[] }>('/api/workflows'),
      get: (workflowId: string) => client.get<Workflow>(`/api/workflows/${id(workflowId)}`),
      create: (body: { name: string; description?: string; alias?: string }) =>
        client.post<Workflow>('/api/workflows', body),
      update: (workflowId: string, body: WorkflowChanges) =>
        client.patch<Workflow>(`/api/workflows/${id(workflowId)}`, body),
      remove: (workflowId: string) => client.delete(`/api/workflows/${id(workflowId)}`),
      validate: (workflowId: string) =>
        client.post<{ problems: WorkflowProblem[] }>(`/api/workflows/${id(workflowId)}/validate`),
      publish: (workflowId: string) =>
        client.post<{ version: number; publishedAt: string }>(`/api/workflows/${id(workflowId)}/publish`),
      versions: (workflowId: string) =>
        client.get<{ items: WorkflowVersion[] }>(`/api/workflows/${id(workflowId)}/versions`),
      rollback: (workflowId: string, version: number) =>
        client.post<Workflow>(`/api/workflows/${id(workflowId)}/rollback`, { version }),
      exportFile: (workflowId: string) =>
        client.get<WorkflowExport>(`/api/workflows/${id(workflowId)}/export`),
      /** `file`: the parsed JSON of a file, or the text of a YAML one. */
      importFile: (file: unknown) =>
        client.post<{ workflow: Workflow; warnings: WorkflowImportWarning[] }>('/api/workflows/import', {
          file,
        }),
      runs: (workflowId: string, query: { status?: RunStatus; cursor?: string | null; limit?: number }) =>
        client.get<{ items: WorkflowRun[]; nextCursor: string | null }>(
          `/api/workflows/${id(workflowId)}/runs`,
          { query },
        ),
      run: (workflowId: string, runId: string) =>
        client.get<WorkflowRunDetail>(`/api/workflows/${id(workflowId)}/runs/${id(runId)}`),
      cancelRun: (workflowId: string, runId: string) =>
        client.post<WorkflowRun>(`/api/workflows/${id(workflowId)}/runs/${id(runId)}/cancel`),
    },
    knowledge: {
      list: () => client.get<{ items: KnowledgeBase[] }>('/api/knowledge-bases'),
      get: (kbId: string) => client.get<KnowledgeBase>(`/api/knowledge-bases/${id(kbId)}`),
      create: (body: KnowledgeBaseInput & { name: string }) =>
        client.post<KnowledgeBase>('/api/knowledge-bases', body),
      update: (kbId: string, body: KnowledgeBaseInput) =>
        client.patch<KnowledgeBase>(`/api/knowledge-bases/${id(kbId)}`, body),
      remove: (kbId: string) => client.delete(`/api/knowledge-bases/${id(kbId)}`),
      documents: (kbId: string, query: { status?: DocumentStatus; cursor?: string | null; limit?: number }) =>
        client.get<Page<KnowledgeDocument>>(`/api/knowledge-bases/${id(kbId)}/documents`, { query }),
      document: (kbId: string, documentId: string) =>
        client.get<KnowledgeDocument>(`/api/knowledge-bases/${id(kbId)}/documents/${id(documentId)}`),
      /** A document fetched from a public URL, or pasted text; files go up as multipart (pages/knowledge/upload-file.ts). */
      addDocument: (kbId: string, body: { url: string } | { name: string; text: string }) =>
        client.post<KnowledgeDocument>(`/api/knowledge-bases/${id(kbId)}/documents`, body),
      removeDocument: (kbId: string, documentId: string) =>
        client.delete(`/api/knowledge-bases/${id(kbId)}/documents/${id(documentId)}`),
      reingest: (kbId: string, documentId: string) =>
        client.post<KnowledgeDocument>(`/api/knowledge-bases/${id(kbId)}/documents/${id(documentId)}/reingest`),
      chunks: (kbId: string, documentId: string, query: { offset?: number; limit?: number; q?: string }) =>
        client.get<ChunkPage>(`/api/knowledge-bases/${id(kbId)}/documents/${id(documentId)}/chunks`, { query }),
      addChunk: (kbId: string, documentId: string, content: string) =>
        client.post<KnowledgeChunk>(`/api/knowledge-bases/${id(kbId)}/documents/${id(documentId)}/chunks`, { content }),
      /** A content change is re-embedded before the answer. */
      updateChunk: (kbId: string, documentId: string, chunkId: string, body: { content?: string; enabled?: boolean }) =>
        client.patch<KnowledgeChunk>(`/api/knowledge-bases/${id(kbId)}/documents/${id(documentId)}/chunks/${id(chunkId)}`, body),
      removeChunk: (kbId: string, documentId: string, chunkId: string) =>
        client.delete(`/api/knowledge-bases/${id(kbId)}/documents/${id(documentId)}/chunks/${id(chunkId)}`),
      /** The hit test: what a query retrieves from this base, each result with its `explain`. */
      retrieve: (kbId: string, body: RetrievalQuery) =>
        client.post<{ results: RetrievedPassage[] }>(`/api/knowledge-bases/${id(kbId)}/retrieve`, body),
    },
    plugins: pluginEndpoints(client),
    databases: databaseEndpoints(client),
    audit: {
      list: (query: { cursor?: string | null; limit?: number; action?: string; scope?: AuditScope }) =>
        client.get<Page<AuditEntry>>('/api/audit', { query }),
    },
  };
}

/** Whose events: the current space's, your own everywhere (sign-ins included), or outside any space (platform admins). */
export type AuditScope = 'space' | 'mine' | 'platform';

export type Endpoints = ReturnType<typeof endpoints>;
