import type { BodyCandidate } from '../bodies.js';
import { inferIterationParents } from '../bodies.js';
import type { DslEdge } from '../types.js';
import { parentIdOf } from '../types.js';
import type { NodeIndex } from './nodes.js';
import type { ProblemList } from './problems.js';

/** Which container (iteration or loop) each node belongs to; undefined for the top level. */
export interface Scopes {
  parentOf: Map<string, string | undefined>;
  /** Direct members of each container. */
  bodyOf: Map<string, string[]>;
}

const typeOf = (index: NodeIndex, id: string): string | undefined => index.definitions.get(id)?.type;

/** Containers from parentId (on the node or in its data), else inferred for iterations (see bodies.ts). */
export function resolveScopes(index: NodeIndex, edges: readonly DslEdge[], problems: ProblemList): Scopes {
  const explicit = explicitParents(index, problems);
  const candidates = [...index.byId].map(([id, node]): BodyCandidate => {
    const startId = node.data.nodeParam.IterationStartNodeId;
    return {
      id,
      type: typeOf(index, id),
      parentId: explicit.get(id),
      iterationStartId: typeof startId === 'string' ? startId : undefined,
    };
  });
  const inferred = inferIterationParents(candidates, edges);
  const parentOf = new Map<string, string | undefined>();
  for (const id of index.byId.keys()) parentOf.set(id, explicit.get(id) ?? inferred.get(id));
  const bodyOf = new Map<string, string[]>();
  for (const [id, parent] of parentOf) if (parent) bodyOf.set(parent, [...(bodyOf.get(parent) ?? []), id]);
  return { parentOf, bodyOf };
}

function explicitParents(index: NodeIndex, problems: ProblemList): Map<string, string> {
  const explicit = new Map<string, string>();
  for (const [id, node] of index.byId) {
    const parent = parentIdOf(node);
    if (!parent) continue;
    const field = node.parentId ? 'parentId' : 'data.parentId';
    if (!index.byId.has(parent)) {
      problems.node('invalid-parent', node, `the parent ${parent} is not in the workflow`, field);
    } else if (!index.definitions.get(parent)?.container || parent === id) {
      problems.node('invalid-parent', node, `the parent ${parent} is not an iteration or a loop`, field);
    } else {
      explicit.set(id, parent);
    }
  }
  // A chain of parents that comes back to itself has no top: drop those parents.
  for (const id of [...explicit.keys()]) {
    const seen = new Set([id]);
    for (let parent = explicit.get(id); parent !== undefined; parent = explicit.get(parent)) {
      if (!seen.has(parent)) {
        seen.add(parent);
        continue;
      }
      problems.node('invalid-parent', index.byId.get(id)!, 'the chain of parents of this node comes back to itself', 'parentId');
      explicit.delete(id);
      break;
    }
  }
  return explicit;
}

/** Starts and ends where they belong: one node-start and some node-end at the top, and the same in each iteration. */
export function checkPlacement(index: NodeIndex, scopes: Scopes, problems: ProblemList): void {
  const containerOf = (id: string) => {
    const parent = scopes.parentOf.get(id);
    return parent ? index.definitions.get(parent)?.container : undefined;
  };
  for (const [id, node] of index.byId) {
    const definition = index.definitions.get(id);
    const parent = scopes.parentOf.get(id);
    if ((definition?.type === 'node-start' || definition?.type === 'node-end') && parent) {
      problems.node('misplaced-node', node, `a ${definition.type} belongs at the top level, not inside ${parent}`);
    }
    if (definition?.insideOnly && containerOf(id) !== definition.insideOnly) {
      problems.node('misplaced-node', node, `a ${definition.type} belongs inside an ${definition.insideOnly}`);
    }
  }
  const topLevel = [...index.byId.keys()].filter((id) => !scopes.parentOf.get(id));
  checkStartAndEnd(index, topLevel, 'node-start', 'node-end', undefined, problems);
  for (const [id, node] of index.byId) {
    const container = index.definitions.get(id)?.container;
    const body = scopes.bodyOf.get(id) ?? [];
    if (container === 'loop' && body.length === 0) problems.node('empty-body', node, 'the loop has no nodes in its body');
    if (container !== 'iteration') continue;
    const starts = checkStartAndEnd(index, body, 'iteration-node-start', 'iteration-node-end', id, problems);
    const startId = node.data.nodeParam.IterationStartNodeId;
    if (starts.length > 0 && typeof startId === 'string' && startId && !starts.includes(startId)) {
      problems.node(
        'invalid-iteration-start',
        node,
        `IterationStartNodeId names ${startId}, which is not the iteration-node-start of this iteration (${starts[0]})`,
        'data.nodeParam.IterationStartNodeId',
      );
    }
  }
}

function checkStartAndEnd(
  index: NodeIndex,
  members: readonly string[],
  startType: string,
  endType: string,
  container: string | undefined,
  problems: ProblemList,
): string[] {
  const starts = members.filter((id) => typeOf(index, id) === startType);
  const where = container ? `iteration ${container}` : 'the workflow';
  const report = (code: 'missing-start' | 'missing-end', message: string) =>
    container ? problems.node(code, index.byId.get(container)!, message) : problems.add(code, message);
  const missing = (type: string) => (container ? `its body has no ${type}` : `The workflow has no ${type}`);
  if (starts.length === 0) report('missing-start', missing(startType));
  for (const extra of starts.slice(1)) {
    problems.node('duplicate-start', index.byId.get(extra)!, `${where} already starts at ${starts[0]}; it may have only one ${startType}`);
  }
  if (!members.some((id) => typeOf(index, id) === endType)) {
    report('missing-end', missing(endType));
  }
  return starts;
}
