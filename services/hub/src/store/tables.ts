/** Row types of the hub's tables (snake_case as stored). MySQL returns booleans as 0/1 and JSON parsed. */
export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  platform_admin: boolean | number;
  failed_logins: number;
  locked_until: Date | null;
  locale: string | null;
  created_at: Date;
  updated_at: Date;
  last_login_at: Date | null;
}

export interface IdentitiesTable {
  id: string;
  user_id: string;
  issuer: string;
  subject: string;
  email: string | null;
  created_at: Date;
}

export interface SessionsTable {
  /** SHA-256 of the cookie value: a database dump does not hand out sessions. */
  id: string;
  user_id: string;
  csrf_token: string;
  current_space_id: string | null;
  /** Kept for the provider's logout (id_token_hint); OIDC sessions only. */
  id_token: string | null;
  ip: string | null;
  user_agent: string | null;
  created_at: Date;
  expires_at: Date;
  last_seen_at: Date;
}

export interface SpacesTable {
  id: string;
  name: string;
  kind: 'personal' | 'team';
  owner_id: string;
  /** "<providerId>/<model>" */
  default_chat_model: string | null;
  default_embedding_model: string | null;
  /** The tenant app that holds this space's API keys, created with the first key. */
  tenant_app_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface MembersTable {
  space_id: string;
  user_id: string;
  role: 'owner' | 'admin' | 'editor' | 'viewer';
  created_at: Date;
}

export interface InvitationsTable {
  id: string;
  space_id: string;
  email: string;
  role: 'admin' | 'editor' | 'viewer';
  token_hash: string;
  invited_by: string;
  created_at: Date;
  expires_at: Date;
  accepted_at: Date | null;
}

export interface ProvidersTable {
  id: string;
  space_id: string;
  name: string;
  base_url: string;
  api_key_sealed: string | null;
  headers_sealed: string | null;
  /** [{ id, kind: 'chat' | 'embedding' | 'other', source: 'fetched' | 'entered' }] */
  models: unknown;
  last_test_at: Date | null;
  last_test_ok: boolean | number | null;
  last_test_message: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface ApiKeysTable {
  id: string;
  space_id: string;
  name: string;
  tenant_app_id: string;
  api_key: string;
  /** The first characters of the bearer token, to recognise a key in the list. */
  prefix: string;
  created_by: string;
  created_at: Date;
  revoked_at: Date | null;
}

export interface AuditEventsTable {
  id: string;
  space_id: string | null;
  actor_id: string | null;
  actor_email: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: unknown;
  ip: string | null;
  created_at: Date;
}

export interface AgentsTable {
  id: string;
  space_id: string;
  name: string;
  /** Unique in the space; the public API takes it as `model` in place of the id. Not versioned. */
  alias: string | null;
  /** The editable definition (agents/schemas.ts `AgentDraft`). */
  draft: unknown;
  published_version: number | null;
  published_at: Date | null;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface AgentVersionsTable {
  agent_id: string;
  space_id: string;
  version: number;
  /** The draft as it was published; never changed afterwards. */
  snapshot: unknown;
  published_by: string | null;
  published_at: Date;
}

export interface WorkflowsTable {
  id: string;
  space_id: string;
  name: string;
  /** Unique in the space; the public API takes it in place of the id. Not versioned. */
  alias: string | null;
  description: string;
  /** The DSL `{ nodes, edges }` as the canvas saved it, extras included; may have problems until published. */
  draft: unknown;
  published_version: number | null;
  published_at: Date | null;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface WorkflowVersionsTable {
  workflow_id: string;
  space_id: string;
  version: number;
  /** `{ name, description, draft }` as published; never changed afterwards. */
  snapshot: unknown;
  published_by: string | null;
  published_at: Date;
}

/** A space's settings for its plugins: one row per space, written on the first change. */
export interface SpacePluginSettingsTable {
  space_id: string;
  /** `{ image, speech, transcription, vision, chat }`, each "<providerId>/<model>" or null. */
  ai_models: unknown;
  /** The RPA platform token, sealed with the keyring; null when none is set. */
  rpa_token_sealed: string | null;
  updated_at: Date;
}

export interface HubSchema {
  users: UsersTable;
  identities: IdentitiesTable;
  sessions: SessionsTable;
  spaces: SpacesTable;
  members: MembersTable;
  invitations: InvitationsTable;
  providers: ProvidersTable;
  api_keys: ApiKeysTable;
  audit_events: AuditEventsTable;
  agents: AgentsTable;
  agent_versions: AgentVersionsTable;
  workflows: WorkflowsTable;
  workflow_versions: WorkflowVersionsTable;
  space_plugin_settings: SpacePluginSettingsTable;
}
