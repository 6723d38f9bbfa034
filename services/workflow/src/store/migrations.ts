import { sqlType, type Migration } from '@astron/kit/db';

export const migrations: Migration[] = [
  {
    name: '0001_runs',
    async up(db, dialect) {
      const id = dialect === 'mysql' ? 'varchar(64)' : 'text';
      const key = dialect === 'mysql' ? 'varchar(512)' : 'text';
      const time = sqlType(dialect, 'timestamp');
      const json = sqlType(dialect, 'json');
      await db.schema
        .createTable('runs')
        .addColumn('id', id as 'text', (column) => column.primaryKey())
        .addColumn('space_id', id as 'text', (column) => column.notNull())
        .addColumn('workflow_id', id as 'text', (column) => column.notNull())
        .addColumn('version', 'integer')
        .addColumn('owner_kind', sqlType(dialect, 'string'), (column) => column.notNull())
        .addColumn('owner_id', id as 'text', (column) => column.notNull())
        .addColumn('status', sqlType(dialect, 'string'), (column) => column.notNull())
        .addColumn('definition', json, (column) => column.notNull())
        .addColumn('inputs', json, (column) => column.notNull())
        .addColumn('outputs', json)
        .addColumn('error', json)
        .addColumn('event_seq', 'integer', (column) => column.notNull().defaultTo(0))
        .addColumn('lease_owner', id as 'text')
        .addColumn('lease_expires_at', time)
        .addColumn('created_at', time, (column) => column.notNull())
        .addColumn('started_at', time)
        .addColumn('finished_at', time)
        .addColumn('updated_at', time, (column) => column.notNull())
        .execute();
      await db.schema.createIndex('runs_space_workflow_created').on('runs').columns(['space_id', 'workflow_id', 'created_at']).execute();
      await db.schema.createIndex('runs_status_lease').on('runs').columns(['status', 'lease_expires_at']).execute();
      await db.schema
        .createTable('node_runs')
        .addColumn('run_id', id as 'text', (column) => column.notNull())
        .addColumn('node_key', key as 'text', (column) => column.notNull())
        .addColumn('node_id', sqlType(dialect, 'string'), (column) => column.notNull())
        .addColumn('node_type', sqlType(dialect, 'string'), (column) => column.notNull())
        .addColumn('status', sqlType(dialect, 'string'), (column) => column.notNull())
        .addColumn('attempt', 'integer', (column) => column.notNull())
        .addColumn('inputs', json)
        .addColumn('outputs', json)
        .addColumn('branch', sqlType(dialect, 'string'))
        .addColumn('error', json)
        .addColumn('started_at', time, (column) => column.notNull())
        .addColumn('finished_at', time)
        .addPrimaryKeyConstraint('node_runs_pk', ['run_id', 'node_key'])
        .execute();
      await db.schema
        .createTable('run_events')
        .addColumn('run_id', id as 'text', (column) => column.notNull())
        .addColumn('seq', 'integer', (column) => column.notNull())
        .addColumn('type', sqlType(dialect, 'string'), (column) => column.notNull())
        .addColumn('data', json, (column) => column.notNull())
        .addColumn('created_at', time, (column) => column.notNull())
        .addPrimaryKeyConstraint('run_events_pk', ['run_id', 'seq'])
        .execute();
    },
  },
  {
    name: '0002_conversation_variables',
    async up(db, dialect) {
      const key = dialect === 'mysql' ? 'varchar(255)' : 'text';
      await db.schema
        .createTable('conversation_variables')
        .addColumn('space_id', (dialect === 'mysql' ? 'varchar(64)' : 'text') as 'text', (column) => column.notNull())
        .addColumn('scope', key as 'text', (column) => column.notNull())
        .addColumn('name', key as 'text', (column) => column.notNull())
        .addColumn('value', sqlType(dialect, 'json'), (column) => column.notNull())
        .addColumn('updated_at', sqlType(dialect, 'timestamp'), (column) => column.notNull())
        .addPrimaryKeyConstraint('conversation_variables_pk', ['space_id', 'scope', 'name'])
        .execute();
    },
  },
];
