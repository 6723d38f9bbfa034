import type { Generated } from 'kysely';

export type RunStatus = 'queued' | 'running' | 'paused' | 'succeeded' | 'failed' | 'cancelled';
export type NodeRunStatus = 'running' | 'succeeded' | 'failed' | 'skipped' | 'paused';

export interface RunsTable {
  id: string;
  space_id: string;
  workflow_id: string;
  /** The published version run; null for a draft run from the console's debug panel. */
  version: number | null;
  /** Who started it: 'user' (console) or 'app' (API key); a pause may only be answered by the same owner. */
  owner_kind: 'user' | 'app';
  owner_id: string;
  status: RunStatus;
  /** The snapshot the run executes: the DSL and the model endpoints the hub resolved (JSON). */
  definition: unknown;
  inputs: unknown;
  outputs: unknown;
  error: unknown;
  /** The last event's sequence number; events are numbered from 1 per run. */
  event_seq: number;
  /** Fencing: only the executor holding an unexpired lease may write node results. */
  lease_owner: string | null;
  lease_expires_at: Date | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  updated_at: Date;
}

export interface NodeRunsTable {
  run_id: string;
  /** The node id, plus the iteration or loop path for nodes inside one (`code::a@iteration::b#3`). */
  node_key: string;
  node_id: string;
  node_type: string;
  status: NodeRunStatus;
  attempt: number;
  inputs: unknown;
  outputs: unknown;
  /** The branch a finished branching node chose (if-else case, decision intent). */
  branch: string | null;
  error: unknown;
  started_at: Date;
  finished_at: Date | null;
}

export interface RunEventsTable {
  run_id: string;
  seq: number;
  type: string;
  data: unknown;
  created_at: Date;
}

/** Variables a conversation keeps across runs (node-variable, variable-assigner), per workflow, owner and chat. */
export interface ConversationVariablesTable {
  space_id: string;
  scope: string;
  name: string;
  value: unknown;
  updated_at: Date;
}

export interface WorkflowSchema {
  conversation_variables: ConversationVariablesTable;
  runs: RunsTable;
  node_runs: NodeRunsTable;
  run_events: RunEventsTable;
  schema_migrations: { name: string; applied_at: Generated<Date> };
}
