import { subflowReferences } from '@astron/dsl';
import type { Database } from '@astron/kit/db';
import { AppError } from '@astron/kit/errors';
import type { AuditLog } from '../audit/log.js';
import type { HubSchema } from '../store/tables.js';
import { readSnapshot, workflowsDomain } from './workflows.js';

/** A workflow a flow node runs, as the workflow service takes it (services/workflow/src/routes/schemas.ts). */
export interface ResolvedSubflow {
  workflowId: string;
  version: number;
  /** As published, so that an agent node can describe the workflow to its model. */
  name: string;
  description: string;
  workflow: { nodes: unknown[]; edges: unknown[] };
}

/** Enough for any real nesting; the engine stops runaway recursion at WORKFLOW_MAX_FLOW_DEPTH anyway. */
const MAX_SUBFLOWS = 64;

const unresolvable = (message: string) => new AppError({ code: 'subflow_unavailable', status: 409, message });

/**
 * The workflows the flow nodes of a run call, and the ones those call, resolved once when the run starts: the
 * published version (or the pinned one) of a workflow of the same space. The run is then pinned to them, so that
 * a publish in the middle of a run changes nothing, and a flow node naming a workflow the space does not have, or
 * has not published, stops the run before it starts, naming the node.
 */
export function subflowResolver(deps: { db: Database<HubSchema>; audit: AuditLog }) {
  const workflows = workflowsDomain(deps);
  return async (spaceId: string, document: { nodes: unknown[] }): Promise<Record<string, ResolvedSubflow>> => {
    const resolved: Record<string, ResolvedSubflow> = {};
    const pending = [document];
    for (let next = pending.shift(); next !== undefined; next = pending.shift()) {
      for (const reference of subflowReferences(next as Parameters<typeof subflowReferences>[0])) {
        if (resolved[reference.key] !== undefined) continue;
        if (Object.keys(resolved).length >= MAX_SUBFLOWS) throw unresolvable(`the run would call more than ${MAX_SUBFLOWS} different workflows through flow nodes`);
        const row = await workflows.findByIdOrAlias(spaceId, reference.workflowId);
        if (row === null) throw unresolvable(`node ${reference.nodeId} runs workflow ${reference.workflowId}, which is not a workflow of this space`);
        const number = reference.version ?? (row.published_version === null ? null : Number(row.published_version));
        const version = number === null ? null : await workflows.version(spaceId, row.id, number);
        if (version === null) {
          throw unresolvable(`node ${reference.nodeId} runs workflow ${row.name} (${row.id}), which has ${reference.version === null ? 'no published version' : `no version ${reference.version}`}; publish it first`);
        }
        const { name, description, draft } = readSnapshot(version.snapshot);
        const workflow = { nodes: draft.nodes, edges: draft.edges };
        resolved[reference.key] = { workflowId: row.id, version: number as number, name, description, workflow };
        pending.push(workflow);
      }
    }
    return resolved;
  };
}
