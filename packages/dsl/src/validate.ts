import { buildGraph, reportCycles, reportUnreachable } from './validate/graph.js';
import { checkNodes } from './validate/nodes.js';
import type { Problem } from './validate/problems.js';
import { ProblemList } from './validate/problems.js';
import { checkReferences } from './validate/references.js';
import { checkPlacement, resolveScopes } from './validate/scopes.js';
import { readStructure } from './validate/structure.js';

export type { Problem, ProblemCode, Severity } from './validate/problems.js';

export interface ValidationResult {
  /** No problem of severity error (warnings do not stop a run). */
  ok: boolean;
  problems: Problem[];
}

/**
 * Checks a workflow and reports every problem at once, each naming the node or edge and the field to fix:
 * structure, node ids and types, node parameters, containers (iteration and loop bodies), starts and ends, edges
 * and branch handles, cycles, reachability, and the references between nodes with their types.
 */
export function validateWorkflow(dsl: unknown): ValidationResult {
  const problems = new ProblemList();
  const structure = readStructure(dsl, problems);
  if (!structure) return { ok: false, problems: problems.items };
  const index = checkNodes(structure.nodes, problems);
  const scopes = resolveScopes(
    index,
    structure.edges.map(({ edge }) => edge),
    problems,
  );
  checkPlacement(index, scopes, problems);
  const graph = buildGraph(structure.edges, structure.knownIds, index, scopes, problems);
  reportCycles(index, graph, problems);
  reportUnreachable(index, scopes, graph, problems);
  checkReferences(index, scopes, graph, structure.knownIds, problems);
  return { ok: problems.items.every((problem) => problem.severity !== 'error'), problems: problems.items };
}
