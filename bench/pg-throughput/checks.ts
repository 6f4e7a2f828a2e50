import { quoteIdentifier, type BenchSchema } from './database.js';
import { TRANSITIONS, type Workload } from './workloads.js';

/**
 * After a comparison: every workflow a side ran left its row where it should be. Lifecycle: all
 * rows created and Completed. Load: the rows' `loads` add up to the workflows run (no update was
 * lost) and each row's status is the one its count of moves gives. With the log: one entry per
 * transition, numbered 1…n per entity. Throws naming the side otherwise.
 */
export async function checkSide(
  schema: BenchSchema,
  side: string,
  workload: Workload,
  table: string,
  logTable: string | undefined,
  workflows: number,
): Promise<void> {
  const t = quoteIdentifier(table);
  const fail: (what: string) => never = (what) => {
    throw new Error(`${side}, ${workload}: ${what}`);
  };
  if (workload === 'lifecycle') {
    const [row] = await schema.query<{ done: number; all: number }>(
      `SELECT count(*) FILTER (WHERE status = 'completed')::int AS done, count(*)::int AS all FROM ${t}`,
    );
    if (row?.done !== workflows || row.all !== workflows) {
      fail(`${row?.done}/${row?.all} rows completed, expected ${workflows}`);
    }
  } else {
    const [row] = await schema.query<{ moves: number; wrong: number }>(
      `SELECT coalesce(sum(loads), 0)::int AS moves,
        count(*) FILTER (WHERE status <> CASE WHEN loads % 2 = 0 THEN 'processing' ELSE 'on_hold' END)::int AS wrong
       FROM ${t}`,
    );
    if (row?.moves !== workflows)
      fail(`rows were moved ${row?.moves} times, expected ${workflows}`);
    if (row.wrong !== 0) fail(`${row.wrong} rows are not in the state their moves give`);
  }
  if (logTable === undefined) return;
  const l = quoteIdentifier(logTable);
  const [log] = await schema.query<{ entries: number; gaps: number }>(
    `SELECT (SELECT count(*)::int FROM ${l}) AS entries,
      (SELECT count(*)::int FROM (SELECT max(seq) AS m, count(*) AS n FROM ${l} GROUP BY entity_id) e WHERE m <> n) AS gaps`,
  );
  const expected = workflows * TRANSITIONS[workload];
  if (log?.entries !== expected) fail(`${log?.entries} log entries, expected ${expected}`);
  if (log.gaps !== 0) fail(`${log.gaps} entities have gaps in their log's seq`);
}
