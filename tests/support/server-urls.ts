/**
 * Where the server databases are. The defaults are the CI machine's: PostgreSQL and MariaDB on
 * loopback with trust auth, a database `test` on each.
 */
export const DATABASE_URL =
  process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
export const MYSQL_URL = process.env['MYSQL_URL'] ?? 'mysql://root@127.0.0.1:3306/test';

export type Server = 'postgres' | 'mysql';

export const SERVER_NAMES: Readonly<Record<Server, string>> = {
  postgres: 'PostgreSQL',
  mysql: 'MySQL/MariaDB',
};

/** With `SMF_REQUIRE_SERVERS=1` (CI), a server that cannot be reached fails the run. */
export const serversRequired = (): boolean => process.env['SMF_REQUIRE_SERVERS'] === '1';

/** The URL without its password, for messages. */
export function shownUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

/** mysql2's connection options for a `mysql://user:password@host:port/database` URL. */
export function mysqlOptions(url: string, database?: string) {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 3306,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    // '' connects to no database (to create one).
    database: database ?? decodeURIComponent(parsed.pathname.slice(1)),
  };
}
