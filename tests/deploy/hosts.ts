import type { Endpoint } from './stand-ins.js';

/**
 * Compose services reach each other by service name (`mysql:3306`, `(mysql:3306)/tenant`,
 * `http://minio:9000`, `postgres://u:p@postgres:5432/db`). A name counts as a host only where a host can
 * stand: followed by a port, or after `(`, `@`, `//` or `,`. So `DATABASE_DB_TYPE=mysql` and the scheme
 * of `mysql://` stay as they are.
 */
function hostPattern(names: string[]): RegExp {
  const alternatives = [...names]
    .sort((a, b) => b.length - a.length)
    .map((name) => name.replace(/[-.]/g, '\\$&'));
  return new RegExp(`(^|[(@/,])(${alternatives.join('|')})(?::(\\d+))?(?=$|[)/:?,\\s])`, 'g');
}

export function referencedHosts(value: string, names: string[]): string[] {
  const found = new Set<string>();
  for (const match of value.matchAll(hostPattern(names))) {
    const [, prefix, name, port] = match;
    if (name !== undefined && (prefix !== '' || port !== undefined)) found.add(name);
  }
  return [...found];
}

/** Rewrites every host reference to the local endpoint standing in for that service. */
export function localizeHosts(value: string, endpoints: Map<string, Endpoint>): string {
  return value.replace(
    hostPattern([...endpoints.keys()]),
    (match, prefix: string, name: string, port?: string) => {
      const endpoint = endpoints.get(name);
      if (endpoint === undefined || (prefix === '' && port === undefined)) return match;
      return `${prefix}${endpoint.host}:${endpoint.port}`;
    },
  );
}

/**
 * The original's split form: MYSQL_HOST=mysql with MYSQL_PORT=3306 (PGSQL_HOST, REDIS_HOST ...). Returns the
 * variable prefixes whose _HOST names one of `names`, with that name.
 */
export function splitHostVariables(environment: Record<string, string>, names: string[]): [string, string][] {
  return Object.entries(environment)
    .filter(([key, value]) => key.endsWith('_HOST') && names.includes(value.trim()))
    .map(([key, value]) => [key.slice(0, -'_HOST'.length), value.trim()]);
}

/** Points each split pair at its local endpoint: <PREFIX>_HOST and <PREFIX>_PORT together. */
export function localizeSplitHosts(environment: Record<string, string>, endpoints: Map<string, Endpoint>): Record<string, string> {
  const localized = { ...environment };
  for (const [prefix, name] of splitHostVariables(environment, [...endpoints.keys()])) {
    const endpoint = endpoints.get(name) as Endpoint;
    localized[`${prefix}_HOST`] = endpoint.host;
    localized[`${prefix}_PORT`] = String(endpoint.port);
  }
  return localized;
}
