import { sqlType, type Migration } from '@astron/kit/db';

/** PostgreSQL (and embedded PGlite) or MySQL: the RPA service keeps only its task records. */
export const migrations: Migration[] = [
  {
    name: '0001_tasks',
    async up(db, dialect) {
      const id = dialect === 'mysql' ? 'varchar(64)' : 'text';
      await db.schema
        .createTable('tasks')
        .ifNotExists()
        .addColumn('id', id as 'text', (column) => column.primaryKey())
        .addColumn('space_id', id as 'text', (column) => column.notNull())
        .addColumn('created_by', sqlType(dialect, 'string'), (column) => column.notNull())
        .addColumn('project_id', sqlType(dialect, 'string'), (column) => column.notNull())
        .addColumn('exec_position', sqlType(dialect, 'string'), (column) => column.notNull())
        .addColumn('sid', sqlType(dialect, 'string'), (column) => column.notNull())
        .addColumn('params', sqlType(dialect, 'json'))
        .addColumn('mode', sqlType(dialect, 'string'), (column) => column.notNull())
        .addColumn('execution_id', sqlType(dialect, 'string'))
        .addColumn('status', sqlType(dialect, 'string'), (column) => column.notNull())
        .addColumn('platform_status', sqlType(dialect, 'string'))
        .addColumn('polls', sqlType(dialect, 'integer'), (column) => column.notNull())
        .addColumn('code', sqlType(dialect, 'integer'))
        .addColumn('message', sqlType(dialect, 'text'))
        .addColumn('result', sqlType(dialect, 'json'))
        .addColumn('created_at', sqlType(dialect, 'timestamp'), (column) => column.notNull())
        .addColumn('updated_at', sqlType(dialect, 'timestamp'), (column) => column.notNull())
        .addColumn('finished_at', sqlType(dialect, 'timestamp'))
        .execute();
      await db.schema.createIndex('tasks_space_created').on('tasks').columns(['space_id', 'created_at']).execute();
    },
  },
];
