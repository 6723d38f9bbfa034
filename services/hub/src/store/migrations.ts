import { sqlType, type Migration } from '@astron/kit/db';
import type { SqlDialect } from '@astron/kit/db';

type Schema = Parameters<Migration['up']>[0];

/** Column helpers so each table reads as a list of fields. */
function columns(dialect: SqlDialect) {
  const id = (dialect === 'mysql' ? 'varchar(64)' : 'text') as 'text';
  return { id, string: sqlType(dialect, 'string'), text: sqlType(dialect, 'text'), json: sqlType(dialect, 'json'), time: sqlType(dialect, 'timestamp'), bool: sqlType(dialect, 'boolean') };
}

async function accounts(db: Schema, dialect: SqlDialect): Promise<void> {
  const c = columns(dialect);
  await db.schema
    .createTable('users')
    .addColumn('id', c.id, (column) => column.primaryKey())
    .addColumn('email', c.string, (column) => column.notNull().unique())
    .addColumn('name', c.string, (column) => column.notNull())
    .addColumn('password_hash', c.text)
    .addColumn('platform_admin', c.bool, (column) => column.notNull())
    .addColumn('failed_logins', 'integer', (column) => column.notNull())
    .addColumn('locked_until', c.time)
    .addColumn('locale', c.string)
    .addColumn('created_at', c.time, (column) => column.notNull())
    .addColumn('updated_at', c.time, (column) => column.notNull())
    .addColumn('last_login_at', c.time)
    .execute();
  await db.schema
    .createTable('identities')
    .addColumn('id', c.id, (column) => column.primaryKey())
    .addColumn('user_id', c.id, (column) => column.notNull())
    .addColumn('issuer', c.string, (column) => column.notNull())
    .addColumn('subject', c.string, (column) => column.notNull())
    .addColumn('email', c.string)
    .addColumn('created_at', c.time, (column) => column.notNull())
    .addUniqueConstraint('identities_issuer_subject', ['issuer', 'subject'])
    .execute();
  await db.schema
    .createTable('sessions')
    .addColumn('id', c.id, (column) => column.primaryKey())
    .addColumn('user_id', c.id, (column) => column.notNull())
    .addColumn('csrf_token', c.string, (column) => column.notNull())
    .addColumn('current_space_id', c.id)
    .addColumn('id_token', c.text)
    .addColumn('ip', c.string)
    .addColumn('user_agent', c.text)
    .addColumn('created_at', c.time, (column) => column.notNull())
    .addColumn('expires_at', c.time, (column) => column.notNull())
    .addColumn('last_seen_at', c.time, (column) => column.notNull())
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
}

async function spaces(db: Schema, dialect: SqlDialect): Promise<void> {
  const c = columns(dialect);
  await db.schema
    .createTable('spaces')
    .addColumn('id', c.id, (column) => column.primaryKey())
    .addColumn('name', c.string, (column) => column.notNull())
    .addColumn('kind', c.string, (column) => column.notNull())
    .addColumn('owner_id', c.id, (column) => column.notNull())
    .addColumn('default_chat_model', c.string)
    .addColumn('default_embedding_model', c.string)
    .addColumn('tenant_app_id', c.id)
    .addColumn('created_at', c.time, (column) => column.notNull())
    .addColumn('updated_at', c.time, (column) => column.notNull())
    .execute();
  await db.schema
    .createTable('members')
    .addColumn('space_id', c.id, (column) => column.notNull())
    .addColumn('user_id', c.id, (column) => column.notNull())
    .addColumn('role', c.string, (column) => column.notNull())
    .addColumn('created_at', c.time, (column) => column.notNull())
    .addPrimaryKeyConstraint('members_pk', ['space_id', 'user_id'])
    .execute();
  await db.schema.createIndex('members_user').on('members').column('user_id').execute();
  await db.schema
    .createTable('invitations')
    .addColumn('id', c.id, (column) => column.primaryKey())
    .addColumn('space_id', c.id, (column) => column.notNull())
    .addColumn('email', c.string, (column) => column.notNull())
    .addColumn('role', c.string, (column) => column.notNull())
    .addColumn('token_hash', c.string, (column) => column.notNull().unique())
    .addColumn('invited_by', c.id, (column) => column.notNull())
    .addColumn('created_at', c.time, (column) => column.notNull())
    .addColumn('expires_at', c.time, (column) => column.notNull())
    .addColumn('accepted_at', c.time)
    .execute();
  await db.schema.createIndex('invitations_space').on('invitations').column('space_id').execute();
}

async function providersAndKeys(db: Schema, dialect: SqlDialect): Promise<void> {
  const c = columns(dialect);
  await db.schema
    .createTable('providers')
    .addColumn('id', c.id, (column) => column.primaryKey())
    .addColumn('space_id', c.id, (column) => column.notNull())
    .addColumn('name', c.string, (column) => column.notNull())
    .addColumn('base_url', c.text, (column) => column.notNull())
    .addColumn('api_key_sealed', c.text)
    .addColumn('headers_sealed', c.text)
    .addColumn('models', c.json, (column) => column.notNull())
    .addColumn('last_test_at', c.time)
    .addColumn('last_test_ok', c.bool)
    .addColumn('last_test_message', c.text)
    .addColumn('created_at', c.time, (column) => column.notNull())
    .addColumn('updated_at', c.time, (column) => column.notNull())
    .execute();
  await db.schema.createIndex('providers_space').on('providers').column('space_id').execute();
  await db.schema
    .createTable('api_keys')
    .addColumn('id', c.id, (column) => column.primaryKey())
    .addColumn('space_id', c.id, (column) => column.notNull())
    .addColumn('name', c.string, (column) => column.notNull())
    .addColumn('tenant_app_id', c.id, (column) => column.notNull())
    .addColumn('api_key', c.string, (column) => column.notNull().unique())
    .addColumn('prefix', c.string, (column) => column.notNull())
    .addColumn('created_by', c.id, (column) => column.notNull())
    .addColumn('created_at', c.time, (column) => column.notNull())
    .addColumn('revoked_at', c.time)
    .execute();
  await db.schema.createIndex('api_keys_space').on('api_keys').column('space_id').execute();
  await db.schema
    .createTable('audit_events')
    .addColumn('id', c.id, (column) => column.primaryKey())
    .addColumn('space_id', c.id)
    .addColumn('actor_id', c.id)
    .addColumn('actor_email', c.string)
    .addColumn('action', c.string, (column) => column.notNull())
    .addColumn('target_type', c.string)
    .addColumn('target_id', c.string)
    .addColumn('details', c.json)
    .addColumn('ip', c.string)
    .addColumn('created_at', c.time, (column) => column.notNull())
    .execute();
  await db.schema.createIndex('audit_events_space_created').on('audit_events').columns(['space_id', 'created_at']).execute();
}

/** Agent drafts (one row each, the draft as JSON) and their published versions (immutable snapshots). */
async function agents(db: Schema, dialect: SqlDialect): Promise<void> {
  const c = columns(dialect);
  await db.schema
    .createTable('agents')
    .addColumn('id', c.id, (column) => column.primaryKey())
    .addColumn('space_id', c.id, (column) => column.notNull())
    .addColumn('name', c.string, (column) => column.notNull())
    .addColumn('draft', c.json, (column) => column.notNull())
    .addColumn('published_version', 'integer')
    .addColumn('published_at', c.time)
    .addColumn('created_by', c.id)
    .addColumn('created_at', c.time, (column) => column.notNull())
    .addColumn('updated_at', c.time, (column) => column.notNull())
    .execute();
  await db.schema.createIndex('agents_space').on('agents').column('space_id').execute();
  await db.schema
    .createTable('agent_versions')
    .addColumn('agent_id', c.id, (column) => column.notNull())
    .addColumn('space_id', c.id, (column) => column.notNull())
    .addColumn('version', 'integer', (column) => column.notNull())
    .addColumn('snapshot', c.json, (column) => column.notNull())
    .addColumn('published_by', c.id)
    .addColumn('published_at', c.time, (column) => column.notNull())
    .addPrimaryKeyConstraint('agent_versions_pk', ['agent_id', 'version'])
    .execute();
}

/** A stable name per agent, unique in its space, usable as `model` on the public API. */
async function agentAliases(db: Schema, dialect: SqlDialect): Promise<void> {
  const c = columns(dialect);
  await db.schema.alterTable('agents').addColumn('alias', c.string).execute();
  await db.schema.createIndex('agents_space_alias').on('agents').columns(['space_id', 'alias']).unique().execute();
}

/**
 * Workflow drafts (the DSL with its canvas extras, as JSON) and their published versions. The alias is unique in the
 * space like an agent's; a workflow id starts with `workflow_`, which an alias may not, so the two never collide.
 */
async function workflows(db: Schema, dialect: SqlDialect): Promise<void> {
  const c = columns(dialect);
  await db.schema
    .createTable('workflows')
    .addColumn('id', c.id, (column) => column.primaryKey())
    .addColumn('space_id', c.id, (column) => column.notNull())
    .addColumn('name', c.string, (column) => column.notNull())
    .addColumn('alias', c.string)
    .addColumn('description', c.text, (column) => column.notNull())
    .addColumn('draft', c.json, (column) => column.notNull())
    .addColumn('published_version', 'integer')
    .addColumn('published_at', c.time)
    .addColumn('created_by', c.id)
    .addColumn('created_at', c.time, (column) => column.notNull())
    .addColumn('updated_at', c.time, (column) => column.notNull())
    .execute();
  await db.schema.createIndex('workflows_space').on('workflows').column('space_id').execute();
  await db.schema.createIndex('workflows_space_alias').on('workflows').columns(['space_id', 'alias']).unique().execute();
  await db.schema
    .createTable('workflow_versions')
    .addColumn('workflow_id', c.id, (column) => column.notNull())
    .addColumn('space_id', c.id, (column) => column.notNull())
    .addColumn('version', 'integer', (column) => column.notNull())
    .addColumn('snapshot', c.json, (column) => column.notNull())
    .addColumn('published_by', c.id)
    .addColumn('published_at', c.time, (column) => column.notNull())
    .addPrimaryKeyConstraint('workflow_versions_pk', ['workflow_id', 'version'])
    .execute();
}

/** A space's AI tool models and RPA platform token (plugins/settings-store.ts). */
async function pluginSettings(db: Schema, dialect: SqlDialect): Promise<void> {
  const c = columns(dialect);
  await db.schema
    .createTable('space_plugin_settings')
    .addColumn('space_id', c.id, (column) => column.primaryKey())
    .addColumn('ai_models', c.json, (column) => column.notNull())
    .addColumn('rpa_token_sealed', c.text)
    .addColumn('updated_at', c.time, (column) => column.notNull())
    .execute();
}

export const migrations: Migration[] = [
  { name: '0001_accounts', up: accounts },
  { name: '0002_spaces', up: spaces },
  { name: '0003_providers_keys_audit', up: providersAndKeys },
  { name: '0004_agents', up: agents },
  { name: '0005_agent_aliases', up: agentAliases },
  { name: '0006_workflows', up: workflows },
  { name: '0007_plugin_settings', up: pluginSettings },
];
