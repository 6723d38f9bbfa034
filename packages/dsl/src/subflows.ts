import { nodeTypeOf } from './ids.js';

/**
 * Flow nodes run another published workflow, agent nodes offer published workflows as tools. The hub resolves each
 * one when a run starts and hands the engine the resolved workflows keyed by `subflowKey` (an agent node's by the
 * workflow id), so that the run is pinned to the versions it started with.
 */
export interface SubflowReference {
  /** The flow or agent node. */
  nodeId: string;
  workflowId: string;
  /** A pinned version, or null for the version published when the run starts. */
  version: number | null;
  key: string;
}

/**
 * `<workflowId>` for "the published version", `<workflowId>@<n>` for a pinned one. nodeParam.version pins a version
 * when it is a version number (`3`, `"3"`, `"v3"`); anything else (absent, empty, the original's `"v1.0"` labels)
 * means the published version.
 */
export function subflowKey(nodeParam: Record<string, unknown>): string | null {
  const workflowId = typeof nodeParam.flowId === 'string' ? nodeParam.flowId.trim() : '';
  if (workflowId === '') return null;
  const version = pinnedVersion(nodeParam.version);
  return version === null ? workflowId : `${workflowId}@${version}`;
}

/** nodeParam.version as a pinned version number, or null for the version published when the run starts. */
export function pinnedVersion(value: unknown): number | null {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 1 ? value : null;
  if (typeof value !== 'string') return null;
  const match = /^v?(\d{1,9})$/.exec(value.trim());
  return match === null || Number(match[1]) < 1 ? null : Number(match[1]);
}

/** An agent node's `plugin.workflowIds`: workflows it may call as tools, each at its published version. */
function agentWorkflowIds(param: Record<string, unknown>): string[] {
  const ids = (param.plugin as { workflowIds?: unknown } | undefined)?.workflowIds;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string' && id.trim() !== '').map((id) => id.trim()) : [];
}

/**
 * The workflows a document runs, wherever its nodes are (top level or inside iteration and loop bodies): those of
 * flow nodes, and those agent nodes offer their agent as tools (by id, the published version).
 */
export function subflowReferences(document: { nodes: { id: string; data?: { nodeParam?: Record<string, unknown> } }[] }): SubflowReference[] {
  const references: SubflowReference[] = [];
  for (const node of document.nodes) {
    const param = node.data?.nodeParam ?? {};
    const type = nodeTypeOf(node.id);
    if (type === 'agent') references.push(...agentWorkflowIds(param).map((workflowId) => ({ nodeId: node.id, workflowId, version: null, key: workflowId })));
    if (type !== 'flow') continue;
    const key = subflowKey(param);
    if (key === null) continue;
    references.push({ nodeId: node.id, workflowId: (param.flowId as string).trim(), version: pinnedVersion(param.version), key });
  }
  return references;
}
