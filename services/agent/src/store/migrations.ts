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
  {
    name: '0004_conversation_logs',
    async up(db, dialect) {
      // Logs per agent: where a conversation came from, its title and running totals; per answer its usage.
      await db.schema
        .alterTable('conversations')
        .addColumn('title', sqlType(dialect, 'string'), (column) => column.notNull().defaultTo(''))
        .addColumn('source', sqlType(dialect, 'string'), (column) => column.notNull().defaultTo('api'))
        .addColumn('app_id', sqlType(dialect, 'string'))
        .addColumn('message_count', 'integer', (column) => column.notNull().defaultTo(0))
        .addColumn('prompt_tokens', 'bigint', (column) => column.notNull().defaultTo(0))
        .addColumn('completion_tokens', 'bigint', (column) => column.notNull().defaultTo(0))
        .execute();
      await db.schema
        .alterTable('messages')
        .addColumn('prompt_tokens', 'integer')
        .addColumn('completion_tokens', 'integer')
        .addColumn('model', sqlType(dialect, 'string'))
        .addColumn('duration_ms', 'integer')
        .execute();
      await db.schema.createIndex('conversations_agent_updated').on('conversations').columns(['space_id', 'agent_id', 'updated_at']).execute();
    },
  },
];
