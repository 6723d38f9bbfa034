import type { DatabaseConfig } from '@astron/kit/db';

/**
 * The original console-hub's MYSQL_URL is a JDBC URL: jdbc:mysql://mysql:3306/astron_console?useSSL=false.
 * The hub owns the database it names.
 */
export function mysqlFromJdbc(
  url: string,
  user: string | undefined,
  password: string | undefined,
  pool: { DATABASE_MAX_OPEN_CONNS: number; DATABASE_MAX_IDLE_CONNS: number },
): DatabaseConfig | string {
  const match = /^(?:jdbc:)?mysql:\/\/([^/:?]+)(?::(\d+))?\/([^?]+)/.exec(url.trim());
  if (match === null) return 'expected jdbc:mysql://host:port/database';
  if (user === undefined) return 'expected MYSQL_USERNAME with MYSQL_URL';
  const [, host = '', port, namespace = ''] = match;
  return {
    kind: 'mysql',
    host,
    port: Number(port ?? 3306),
    user,
    password: password ?? '',
    namespace,
    pool: { maxOpen: pool.DATABASE_MAX_OPEN_CONNS, maxIdle: Math.min(pool.DATABASE_MAX_IDLE_CONNS, pool.DATABASE_MAX_OPEN_CONNS) },
  };
}
