import type { DslEdge, DslNode } from '../types.js';
import { dslEdgeSchema, dslNodeSchema } from '../types.js';
import type { ProblemList } from './problems.js';
import { formatPath } from './problems.js';

export interface Structure {
  /** Nodes that parsed, in order (duplicates included). */
  nodes: DslNode[];
  /** Edges that parsed, with their position in the edge list. */
  edges: Array<{ edge: DslEdge; index: number }>;
  /** Ids of every node with a string id, parsed or not: edges and references to them do not dangle. */
  knownIds: Set<string>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Parses node by node and edge by edge, so that one malformed node is reported with its path and the rest of the
 * workflow is still checked.
 */
export function readStructure(input: unknown, problems: ProblemList): Structure | null {
  if (!isRecord(input)) {
    problems.add('invalid-structure', 'The workflow must be an object { nodes: [...], edges: [...] }');
    return null;
  }
  const structure: Structure = { nodes: [], edges: [], knownIds: new Set() };
  const nodes = listAt(input, 'nodes', problems);
  const edges = listAt(input, 'edges', problems);
  nodes.forEach((raw, index) => {
    const id = isRecord(raw) && typeof raw.id === 'string' && raw.id ? raw.id : undefined;
    if (id) structure.knownIds.add(id);
    const parsed = dslNodeSchema.safeParse(raw);
    if (parsed.success) {
      structure.nodes.push(parsed.data);
      return;
    }
    for (const issue of parsed.error.issues) {
      const field = formatPath(['nodes', index, ...issue.path]);
      problems.add('invalid-structure', `${id ? `Node ${id}` : `Node #${index + 1}`}, ${field}: ${issue.message}`, {
        ...(id ? { nodeId: id } : {}),
        field,
      });
    }
  });
  edges.forEach((raw, index) => {
    const parsed = dslEdgeSchema.safeParse(raw);
    if (parsed.success) {
      structure.edges.push({ edge: parsed.data, index });
      return;
    }
    const edgeId = isRecord(raw) && typeof raw.id === 'string' && raw.id ? raw.id : `edges[${index}]`;
    for (const issue of parsed.error.issues) {
      const field = formatPath(['edges', index, ...issue.path]);
      problems.add('invalid-structure', `Edge #${index + 1}, ${field}: ${issue.message}`, { edgeId, field });
    }
  });
  return structure;
}

function listAt(input: Record<string, unknown>, key: 'nodes' | 'edges', problems: ProblemList): unknown[] {
  const value = input[key];
  if (Array.isArray(value)) return value;
  problems.add('invalid-structure', `The workflow's ${key} must be a list`, { field: key });
  return [];
}
