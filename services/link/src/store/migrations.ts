import { sqlType, type Migration } from '@astron/kit/db';

/** MySQL/MariaDB (the original core-link's database), PostgreSQL and the embedded PGlite alike. */
export const migrations: Migration[] = [
  {
    name: '0001_tools_and_mcp_servers',
    async up(db, dialect) {
      // Keys must be bounded on MySQL; `text` there cannot be a primary key.
      const key = (dialect === 'mysql' ? 'varchar(64)' : 'text') as 'text';
      const t = (type: Parameters<typeof sqlType>[1]) => sqlType(dialect, type);
      await db.schema
        .createTable('tool_sets')
        .ifNotExists()
        .addColumn('id', key, (column) => column.primaryKey())
        .addColumn('space_id', key, (column) => column.notNull())
        .addColumn('name', t('string'), (column) => column.notNull())
        .addColumn('description', t('text'), (column) => column.notNull())
        .addColumn('app_id', t('string'))
        .addColumn('source_kind', t('string'), (column) => column.notNull())
        .addColumn('source_url', t('text'))
        .addColumn('format', t('string'), (column) => column.notNull())
        .addColumn('document', t('text'), (column) => column.notNull())
        .addColumn('server_url', t('text'))
        .addColumn('operations', t('text'), (column) => column.notNull())
        .addColumn('skipped', t('json'), (column) => column.notNull())
        .addColumn('auth_type', t('string'), (column) => column.notNull())
        .addColumn('auth_settings', t('json'), (column) => column.notNull())
        .addColumn('auth_secret', t('text'))
        .addColumn('created_by', t('string'), (column) => column.notNull())
        .addColumn('created_at', t('timestamp'), (column) => column.notNull())
        .addColumn('updated_at', t('timestamp'), (column) => column.notNull())
        .execute();
      await db.schema.createIndex('tool_sets_space_created').on('tool_sets').columns(['space_id', 'created_at']).execute();
      await db.schema
        .createTable('tool_versions')
        .ifNotExists()
        .addColumn('tool_set_id', key, (column) => column.notNull())
        .addColumn('space_id', key, (column) => column.notNull())
        .addColumn('version', key, (column) => column.notNull())
        .addColumn('seq', 'integer', (column) => column.notNull())
        .addColumn('name', t('string'), (column) => column.notNull())
        .addColumn('description', t('text'), (column) => column.notNull())
        .addColumn('format', t('string'), (column) => column.notNull())
        .addColumn('document', t('text'), (column) => column.notNull())
        .addColumn('server_url', t('text'))
        .addColumn('operations', t('text'), (column) => column.notNull())
        .addColumn('skipped', t('json'), (column) => column.notNull())
        .addColumn('published_by', t('string'), (column) => column.notNull())
        .addColumn('published_at', t('timestamp'), (column) => column.notNull())
        .addPrimaryKeyConstraint('tool_versions_pk', ['tool_set_id', 'version'])
        .execute();
      // Two publications racing for the same number: one of them fails and retries.
      await db.schema.createIndex('tool_versions_seq').on('tool_versions').columns(['tool_set_id', 'seq']).unique().execute();
      await db.schema
        .createTable('mcp_servers')
        .ifNotExists()
        .addColumn('id', key, (column) => column.primaryKey())
        .addColumn('space_id', key, (column) => column.notNull())
        .addColumn('name', t('string'), (column) => column.notNull())
        .addColumn('description', t('text'), (column) => column.notNull())
        .addColumn('url', t('text'), (column) => column.notNull())
        .addColumn('transport', t('string'), (column) => column.notNull())
        .addColumn('header_names', t('json'), (column) => column.notNull())
        .addColumn('has_bearer', t('boolean'), (column) => column.notNull())
        .addColumn('credentials', t('text'))
        .addColumn('created_by', t('string'), (column) => column.notNull())
        .addColumn('created_at', t('timestamp'), (column) => column.notNull())
        .addColumn('updated_at', t('timestamp'), (column) => column.notNull())
        .execute();
      await db.schema.createIndex('mcp_servers_space_created').on('mcp_servers').columns(['space_id', 'created_at']).execute();
    },
  },
];
