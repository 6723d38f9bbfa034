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
