import type { z } from 'zod';

export interface ConfigProblem {
  variable: string;
  problem: string;
}

/** Thrown when the environment cannot start a service; its message names every bad variable. */
export class ConfigError extends Error {
  readonly problems: ConfigProblem[];

  constructor(service: string, problems: ConfigProblem[]) {
    const lines = problems.map((item) => `  ${item.variable}: ${item.problem}`);
    super(`${service} cannot start, its configuration is invalid:\n${lines.join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export type Env = Record<string, string | undefined>;

/**
 * Parses `env` with a schema whose keys are variable names. Every malformed variable is reported at
 * once; problems that combine variables (a transform's issues) follow once those are well-formed.
 */
export function parseEnv<Schema extends z.ZodType>(service: string, schema: Schema, env: Env): z.output<Schema> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const variable = issue.path.length > 0 ? issue.path.map(String).join('.') : '(environment)';
    const given = issue.path.length > 0 ? env[String(issue.path[0])] : undefined;
    const shown = given === undefined ? 'it is not set' : isSecretName(variable) ? 'got a value (hidden)' : `got "${truncate(given)}"`;
    return { variable, problem: `${issue.message}; ${shown}` };
  });
  throw new ConfigError(service, problems);
}

function truncate(value: string): string {
  return value.length > 60 ? `${value.slice(0, 57)}...` : value;
}

/** Values of these variables never appear in messages or logs. */
export function isSecretName(variable: string): boolean {
  return /PASSWORD|SECRET|TOKEN|_KEY(_|$)|KEYS$/i.test(variable);
}
