// Vitest globalSetup: asks each server once per run whether it answers, and tells the test files
// (inject('smfServers')). A server that does not answer makes its tests skip, with one line
// printed for the whole run — or, with SMF_REQUIRE_SERVERS=1, fails the run.
import mysql from 'mysql2/promise';
import { Client } from 'pg';
import type { TestProject } from 'vitest/node';
import {
  DATABASE_URL,
  MYSQL_URL,
  SERVER_NAMES,
  mysqlOptions,
  serversRequired,
  shownUrl,
  type Server,
} from './server-urls.js';
import type { ServerStatus } from './server-status.js';

const CONNECT_TIMEOUT_MS = 3000;

/** Why the server cannot be used, or undefined when `SELECT 1` worked. */
async function postgresProblem(): Promise<string | undefined> {
  const client = new Client({
    connectionString: DATABASE_URL,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return describeError(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function mysqlProblem(): Promise<string | undefined> {
  let connection: mysql.Connection | undefined;
  try {
    connection = await mysql.createConnection({
      ...mysqlOptions(MYSQL_URL),
      connectTimeout: CONNECT_TIMEOUT_MS,
    });
    await connection.query('SELECT 1');
    return undefined;
  } catch (error) {
    return describeError(error);
  } finally {
    await connection?.end().catch(() => undefined);
  }
}

function describeError(error: unknown): string {
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && code !== '') return code;
  return typeof message === 'string' && message !== '' ? message : String(error);
}

const URLS: Readonly<Record<Server, string>> = { postgres: DATABASE_URL, mysql: MYSQL_URL };

export default async function probeServers(project: TestProject): Promise<void> {
  const [postgres, mysqlServer] = await Promise.all([postgresProblem(), mysqlProblem()]);
  const problems: Record<Server, string | undefined> = { postgres, mysql: mysqlServer };
  const missing = (Object.keys(problems) as Server[]).filter((s) => problems[s] !== undefined);
  const lines = missing.map(
    (s) => `${SERVER_NAMES[s]} not reachable at ${shownUrl(URLS[s])} (${problems[s]})`,
  );
  if (missing.length > 0) {
    if (serversRequired()) {
      const message = `SMF_REQUIRE_SERVERS=1, but ${lines.join('; ')}`;
      // Said first and plainly: vitest reports a failed global setup under unrelated headings.
      console.error(`\n${message}\n`);
      throw new Error(message);
    }
    console.log(`server tests skipped: ${lines.join('; ')}`);
  }
  const status: ServerStatus = {
    postgres: postgres === undefined,
    mysql: mysqlServer === undefined,
  };
  project.provide('smfServers', status);
}
