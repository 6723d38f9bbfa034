import type { Problem } from '@astron/dsl';

export interface ProblemIndex {
  all: Problem[];
  byNode: Map<string, Problem[]>;
  byEdge: Map<string, Problem[]>;
  errors: number;
  warnings: number;
}

export function indexProblems(problems: readonly Problem[]): ProblemIndex {
  const byNode = new Map<string, Problem[]>();
  const byEdge = new Map<string, Problem[]>();
  for (const problem of problems) {
    if (problem.nodeId !== undefined) byNode.set(problem.nodeId, [...(byNode.get(problem.nodeId) ?? []), problem]);
    if (problem.edgeId !== undefined) byEdge.set(problem.edgeId, [...(byEdge.get(problem.edgeId) ?? []), problem]);
  }
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  return { all: [...problems], byNode, byEdge, errors, warnings: problems.length - errors };
}

/** `['nodeParam', 'cases', 0, 'id']` → `data.nodeParam.cases[0].id`: the validator's way of naming a field. */
export function fieldPath(path: readonly (string | number)[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : `${text}.${key}`), 'data');
}

/** The problems of one field (`exact`), or of the field and everything inside it. */
export function problemsAt(problems: readonly Problem[] | undefined, field: string, exact = true): Problem[] {
  return (problems ?? []).filter(
    (problem) =>
      problem.field !== undefined &&
      (problem.field === field || (!exact && (problem.field.startsWith(`${field}.`) || problem.field.startsWith(`${field}[`)))),
  );
}

export const worstSeverity = (problems: readonly Problem[] | undefined): 'error' | 'warning' | null =>
  problems === undefined || problems.length === 0
    ? null
    : problems.some((problem) => problem.severity === 'error')
      ? 'error'
      : 'warning';
