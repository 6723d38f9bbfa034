import { sqlType, type Migration } from '@astron/kit/db';

export const migrations: Migration[] = [
  {
    name: '0001_conversations',
    async up(db, dialect) {
      const id = dialect === 'mysql' ? 'varchar(64)' : 'text';
      await db.schema
        .createTable('conversations')
        .addColumn('id', id as 'text', (column) => column.primaryKey())
        .addColumn('space_id', id as 'text', (column) => column.notNull())
        .addColumn('agent_id', id as 'text')
        .addColumn('created_at', sqlType(dialect, 'timestamp'), (column) => column.notNull())
        .addColumn('updated_at', sqlType(dialect, 'timestamp'), (column) => column.notNull())
        .execute();
      await db.schema.createIndex('conversations_space_updated').on('conversations').columns(['space_id', 'updated_at']).execute();
    },
  },
  {
    name: '0002_messages',
    async up(db, dialect) {
      const id = dialect === 'mysql' ? 'varchar(64)' : 'text';
      await db.schema
        .createTable('messages')
        .addColumn('conversation_id', id as 'text', (column) => column.notNull())
        .addColumn('space_id', id as 'text', (column) => column.notNull())
        .addColumn('seq', 'integer', (column) => column.notNull())
        .addColumn('role', sqlType(dialect, 'string'), (column) => column.notNull())
        .addColumn('content', sqlType(dialect, 'text'), (column) => column.notNull())
        .addColumn('steps', sqlType(dialect, 'json'))
        .addColumn('created_at', sqlType(dialect, 'timestamp'), (column) => column.notNull())
        .addPrimaryKeyConstraint('messages_pk', ['conversation_id', 'seq'])
        .execute();
    },
  },
  {
    name: '0003_bot_configs',
    async up(db, dialect) {
      const id = dialect === 'mysql' ? 'varchar(64)' : 'text';
      await db.schema
        .createTable('bot_configs')
        .addColumn('space_id', id as 'text', (column) => column.notNull())
        .addColumn('bot_id', id as 'text', (column) => column.notNull())
        .addColumn('app_id', id as 'text', (column) => column.notNull())
        .addColumn('config', sqlType(dialect, 'json'), (column) => column.notNull())
        .addColumn('created_at', sqlType(dialect, 'timestamp'), (column) => column.notNull())
        .addColumn('updated_at', sqlType(dialect, 'timestamp'), (column) => column.notNull())
        .addPrimaryKeyConstraint('bot_configs_pk', ['space_id', 'bot_id'])
        .execute();
    },
  },
];
