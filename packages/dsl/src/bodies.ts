/**
 * Which nodes form the body of an iteration when the flow does not mark them with parentId. Flows the original's
 * console sent to its engine carry no parentId: the engine takes as body whatever the iteration's
 * IterationStartNodeId reaches through edges (core/workflow engine/entities/chains.py). We do the same, minus
 * anything the top-level start reaches, so a stray edge out of a body does not pull top-level nodes in.
 */
export interface BodyCandidate {
  id: string;
  /** Node type (the id prefix), or undefined when the id has no known type. */
  type: string | undefined;
  /** parentId as written on the node, when valid. */
  parentId: string | undefined;
  /** For an iteration: its nodeParam.IterationStartNodeId. */
  iterationStartId: string | undefined;
}

/** Container of each node not marked with a parentId that is found in an iteration's body. */
export function inferIterationParents(
  nodes: readonly BodyCandidate[],
  edges: ReadonlyArray<{ sourceNodeId: string; targetNodeId: string }>,
): Map<string, string> {
  const next = new Map<string, string[]>();
  for (const edge of edges) next.set(edge.sourceNodeId, [...(next.get(edge.sourceNodeId) ?? []), edge.targetNodeId]);
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const topStarts = nodes.filter((node) => node.type === 'node-start' && !node.parentId).map((node) => node.id);
  const topReach = reach(topStarts, next, (id) => byId.has(id));
  const inferred = new Map<string, string>();
  for (const iteration of nodes) {
    const startId = iteration.iterationStartId;
    if (iteration.type !== 'iteration' || !startId || !byId.has(startId)) continue;
    const body = reach([startId], next, (id) => {
      const declared = byId.get(id)?.parentId;
      return byId.has(id) && id !== iteration.id && !topReach.has(id) && (declared === undefined || declared === iteration.id);
    });
    for (const id of body) if (!byId.get(id)?.parentId && !inferred.has(id)) inferred.set(id, iteration.id);
  }
  return inferred;
}

function reach(roots: readonly string[], next: Map<string, string[]>, enter: (id: string) => boolean): Set<string> {
  const seen = new Set<string>();
  const queue = roots.filter(enter);
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const target of next.get(id) ?? []) if (!seen.has(target) && enter(target)) queue.push(target);
  }
  return seen;
}
