import { readFileSync } from 'node:fs';
import { load, YAML11_SCHEMA } from 'js-yaml';

/**
 * Reads deploy/docker/docker-compose.yaml the way Compose does: YAML 1.1 with merge keys (`<<: *anchor`),
 * then `${...}` interpolation of every string under services, networks and volumes. Only the forms
 * docker-compose v1 and v2 agree on are accepted, so a file these tests pass works with both.
 */
export type Variables = Record<string, string | undefined>;

export interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile?: string };
  environment?: Record<string, string>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  restart?: string;
  networks?: string[];
  [key: string]: unknown;
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  networks?: Record<string, unknown>;
  volumes?: Record<string, unknown>;
}

export class InterpolationError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
    this.name = 'InterpolationError';
  }
}

const reference =
  /\$(?:(\$)|([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])([^}]*))?\}|(\{[^}]*\}?|.?))/gs;

/** `$$` → `$`; `$X`, `${X}`, `${X:-d}`, `${X-d}`, `${X:?m}`, `${X?m}`. Anything else throws, as in Compose. */
export function interpolate(text: string, variables: Variables): string {
  return text.replace(
    reference,
    (
      _match,
      dollar?: string,
      bare?: string,
      name?: string,
      colon?: string,
      operator?: string,
      operand?: string,
      invalid?: string,
    ) => {
      if (dollar !== undefined) return '$';
      if (bare !== undefined) return variables[bare] ?? '';
      if (name === undefined)
        throw new InterpolationError('', `invalid interpolation format: "$${invalid ?? ''}" in "${text}"`);
      const value = variables[name];
      const missing = value === undefined || (colon === ':' && value === '');
      if (operator === undefined || !missing) return value ?? '';
      if (operator === '-') return operand ?? '';
      throw new InterpolationError(name, `required variable ${name} is missing a value: ${operand ?? ''}`);
    },
  );
}

function interpolateTree(value: unknown, variables: Variables): unknown {
  if (typeof value === 'string') return interpolate(value, variables);
  if (Array.isArray(value)) return value.map((item) => interpolateTree(item, variables));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, interpolateTree(item, variables)]),
    );
  }
  return value;
}

/** The file as YAML, merge keys resolved, nothing interpolated. */
export function readComposeRaw(path: string): ComposeFile {
  return load(readFileSync(path, 'utf8'), { schema: YAML11_SCHEMA }) as ComposeFile;
}

export function loadCompose(path: string, variables: Variables): ComposeFile {
  const raw = readComposeRaw(path);
  return {
    services: interpolateTree(raw.services, variables) as ComposeFile['services'],
    networks: interpolateTree(raw.networks, variables) as ComposeFile['networks'],
    volumes: interpolateTree(raw.volumes, variables) as ComposeFile['volumes'],
  };
}

/** Services built from this repository: the node services and console-frontend (nginx). */
export function builtServices(compose: ComposeFile): [string, ComposeService][] {
  return Object.entries(compose.services).filter(([, service]) => service.build !== undefined);
}

/** Application services: the node services, each built from a services/<name>/Dockerfile. */
export function applicationServices(compose: ComposeFile): [string, ComposeService][] {
  return builtServices(compose).filter(
    ([, service]) => service.build?.dockerfile?.startsWith('services/') === true,
  );
}

/** KEY=VALUE lines of an env file; `#` comments and blank lines skipped, one level of quotes removed. */
export function readEnvFile(path: string): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$/.exec(line);
    if (match === null || match[1] === undefined) continue;
    const value = (match[2] ?? '').trim();
    variables[match[1]] = /^(['"]).*\1$/.test(value) ? value.slice(1, -1) : value;
  }
  return variables;
}
