import { sqlType, type Migration } from '@astron/kit/db';

export const migrations: Migration[] = [
  {
    name: '0001_apps_and_credentials',
    async up(db, dialect) {
      const id = dialect === 'mysql' ? 'varchar(64)' : 'text';
      await db.schema
        .createTable('apps')
        .addColumn('id', id as 'text', (column) => column.primaryKey())
        .addColumn('space_id', id as 'text', (column) => column.notNull())
        .addColumn('name', sqlType(dialect, 'string'), (column) => column.notNull())
        .addColumn('description', sqlType(dialect, 'text'), (column) => column.notNull())
        .addColumn('source', sqlType(dialect, 'string'), (column) => column.notNull())
        .addColumn('dev_id', 'bigint')
        .addColumn('cloud_id', sqlType(dialect, 'string'))
        .addColumn('disabled', sqlType(dialect, 'boolean'), (column) => column.notNull())
        .addColumn('created_at', sqlType(dialect, 'timestamp'), (column) => column.notNull())
        .addColumn('updated_at', sqlType(dialect, 'timestamp'), (column) => column.notNull())
        .execute();
      await db.schema.createIndex('apps_space_created').on('apps').columns(['space_id', 'created_at']).execute();
      await db.schema
        .createTable('app_credentials')
        .addColumn('api_key', id as 'text', (column) => column.primaryKey())
        .addColumn('app_id', id as 'text', (column) => column.notNull())
        .addColumn('space_id', id as 'text', (column) => column.notNull())
        .addColumn('name', sqlType(dialect, 'string'), (column) => column.notNull())
        .addColumn('secret_sealed', sqlType(dialect, 'text'), (column) => column.notNull())
        .addColumn('created_at', sqlType(dialect, 'timestamp'), (column) => column.notNull())
        .addColumn('revoked_at', sqlType(dialect, 'timestamp'))
        .addColumn('last_used_at', sqlType(dialect, 'timestamp'))
        .execute();
      await db.schema.createIndex('app_credentials_app').on('app_credentials').columns(['app_id']).execute();
    },
  },
];
