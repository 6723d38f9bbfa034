import { AppError, badRequest } from '@astron/kit/errors';
import type { Database } from '@astron/kit/db';
import type { AuditLog } from '../audit/log.js';
import type { HubSchema } from '../store/tables.js';
import { subflowResolver, type ResolvedSubflow } from '../workflows/subflows.js';
import { readSnapshot, workflowsDomain } from '../workflows/workflows.js';

/** A tool reference the agent service's workflow provider understands (services/agent/src/domain/tools/workflow-provider.ts). */
export interface WorkflowToolReference {
  name: string;
  provider: 'workflow';
  options: {
    workflowId: string;
    version: number;
    description: string;
    workflow: { nodes: unknown[]; edges: unknown[] };
    /** The workflows its flow nodes run (workflows/subflows.ts). */
    subflows: Record<string, ResolvedSubflow>;
    inputs: { name: string; type: string; required: boolean; description?: string }[];
  };
}

interface StartOutput {
  name?: unknown;
  required?: unknown;
  schema?: { type?: unknown; description?: unknown };
}

/** The start node's outputs are the workflow's inputs: they become the tool's parameters. */
export function inputsOf(nodes: unknown[]): WorkflowToolReference['options']['inputs'] {
  const start = nodes.find((node) => typeof (node as { id?: unknown }).id === 'string' && (node as { id: string }).id.startsWith('node-start::')) as { data?: { outputs?: StartOutput[] } } | undefined;
  return (start?.data?.outputs ?? []).flatMap((output) =>
    typeof output.name === 'string'
      ? [{ name: output.name, type: typeof output.schema?.type === 'string' ? output.schema.type : 'string', required: output.required === true, ...(typeof output.schema?.description === 'string' ? { description: output.schema.description } : {}) }]
      : [],
  );
}

/**
 * The workflows an agent may call, as tool references of their published versions. A workflow the space no longer
 * has, or has not published, is refused naming it: an agent must not silently lose a tool.
 */
export function workflowTools(deps: { db: Database<HubSchema>; audit: AuditLog }) {
  const workflows = workflowsDomain(deps);
  const resolveSubflows = subflowResolver(deps);
  return {
    /** Draft check: every id names a workflow of the space (publishing can come later). */
    async check(spaceId: string, ids: string[]): Promise<void> {
      for (const [index, id] of ids.entries()) {
        if ((await workflows.findByIdOrAlias(spaceId, id)) === null) {
          throw badRequest(`workflow ${id} is not a workflow of this space`, [{ field: `workflows.${index}`, message: 'unknown workflow' }], 'unknown_workflow');
        }
      }
    },

    async references(spaceId: string, ids: string[]): Promise<WorkflowToolReference[]> {
      const references: WorkflowToolReference[] = [];
      for (const id of ids) {
        const row = await workflows.findByIdOrAlias(spaceId, id);
        const number = row?.published_version ?? null;
        const version = row === null || number === null ? null : await workflows.version(spaceId, row.id, Number(number));
        if (row === null || version === null) {
          throw new AppError({ code: 'workflow_tool_unavailable', status: 409, message: `the agent uses workflow ${id}, which ${row === null ? 'no longer exists' : 'is not published'}; publish it or remove it from the agent` });
        }
        const snapshot = readSnapshot(version.snapshot);
        const workflow = { nodes: snapshot.draft.nodes, edges: snapshot.draft.edges };
        references.push({
          name: `wf_${row.id.replace(/^workflow_/, '').slice(0, 40)}_v${Number(version.version)}`,
          provider: 'workflow',
          options: {
            workflowId: row.id,
            version: Number(version.version),
            description: `${row.name}${row.description === '' ? '' : `: ${row.description}`}`.slice(0, 1_000),
            workflow,
            subflows: await resolveSubflows(spaceId, workflow),
            inputs: inputsOf(snapshot.draft.nodes),
          },
        });
      }
      return references;
    },
  };
}
