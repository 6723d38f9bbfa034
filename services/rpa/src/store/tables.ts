import type { Generated } from 'kysely';

export interface TasksTable {
  id: string;
  space_id: string;
  /** `user:<id>`, `app:<id>` or `service:<name>`: who ran it. */
  created_by: string;
  project_id: string;
  exec_position: string;
  sid: string;
  /** JSON text when written; parsed when read. */
  params: unknown;
  /** 'stream' (/rpa/v1/exec) or 'blocking' (/rpa/v1/tasks/run). */
  mode: string;
  /** The platform's id of the task, once created. */
  execution_id: string | null;
  status: string;
  /** The platform's last reported status (PENDING ...). */
  platform_status: string | null;
  polls: number;
  /** The original's code and message, once finished. */
  code: number | null;
  message: string | null;
  /** The robot's `data` when it completed (JSON). */
  result: unknown;
  created_at: Date;
  updated_at: Date;
  finished_at: Date | null;
}

export interface RpaSchema {
  tasks: TasksTable;
  schema_migrations: { name: string; applied_at: Generated<Date> };
}
