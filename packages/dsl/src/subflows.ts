import { nodeTypeOf } from './ids.js';

/**
 * Flow nodes run another published workflow. The hub resolves each one when a run starts and hands the engine the
 * resolved workflows keyed by `subflowKey`, so that the run is pinned to the versions it started with.
 */
export interface SubflowReference {
  /** The flow node. */
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

/** The flow nodes of a workflow document, wherever they are (top level or inside iteration and loop bodies). */
export function subflowReferences(document: { nodes: { id: string; data?: { nodeParam?: Record<string, unknown> } }[] }): SubflowReference[] {
  const references: SubflowReference[] = [];
  for (const node of document.nodes) {
    if (nodeTypeOf(node.id) !== 'flow') continue;
    const param = node.data?.nodeParam ?? {};
    const key = subflowKey(param);
    if (key === null) continue;
    references.push({ nodeId: node.id, workflowId: (param.flowId as string).trim(), version: pinnedVersion(param.version), key });
  }
  return references;
}
