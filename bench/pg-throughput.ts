/**
 * PostgreSQL throughput of workflows through the runtime + PgAdapter vs hand-written node-postgres
 * code issuing the same statements with the same guarantees (goal: ≥ 90% of hand-written at 1
 * and 8 clients), and what KyselyAdapter (Kysely's PostgresDialect) and DrizzleAdapter
 * (drizzle-orm/node-postgres) cost over PgAdapter.
 *
 * Workloads: `lifecycle` (Machine.run: create in Pending, then Processing, then Completed: one
 * transaction, a savepoint per transition, INSERT … RETURNING and two compare-and-set UPDATEs),
 * `load` (Machine.load on a pre-created row, SELECT … FOR UPDATE, one transition moving it between
 * Processing and OnHold with a counter, commit; each client on `--rows` rows of its own) and
 * `contended` (as load, all clients on 8 shared rows, retrying on conflict). `--log on` adds the
 * transition log on every side (the same numbered INSERT … SELECT per transition).
 *
 * Sides (`--sides`): `hand` (one `client.query` per statement: BEGIN, SAVEPOINT/RELEASE per
 * transition, the statements with `$n` parameters, row counts checked, COMMIT, ROLLBACK on error),
 * `hand-min` (the same statements in the fewest round trips: parameterless ones ride with the next
 * statement, values as literals), `pg`, `kysely`, `drizzle`, and the diagnostic `pg-direct`
 * (PgAdapter called as the runtime calls it, without the runtime). Each side has its own pool of
 * `clients` connections and its own tables; `clients` async loops share the pool. Round trips and
 * statements are counted by wrapping each pool client's `query`.
 *
 * Sides run batch by batch (each client runs `--batch` workflows), the order rotating every batch,
 * after `--warmup` batches; rates are totals over the measured batches, with the median of the
 * per-batch ratios beside them; CPU µs per workflow is this process's. At the end every side's
 * rows are checked (all completed; for load, the counters add up to the workflows run and each
 * row's state matches its count; with the log, one entry per transition numbered 1…n).
 *
 * Runs the compiled runtime and adapters (runtime/dist/, from `npm run build`) as users do.
 * Run: `npm run build && npx tsx bench/pg-throughput.ts [--workflows 2000] [--batch 10]
 * [--clients 1,8] [--workloads lifecycle,load] [--sides hand,hand-min,pg,kysely,drizzle]
 * [--log off] [--rows 64] [--warmup 2] [--trace]` against DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/test), in a schema of its own dropped at the end. Figures
 * also go to bench/out/pg-throughput.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { compareSides, workflowsRun, type BatchPlan } from './pg-throughput/batches.js';
import { checkSide } from './pg-throughput/checks.js';
import { BenchSchema } from './pg-throughput/database.js';
import { figures, formatTable, type SideFigures } from './pg-throughput/report.js';
import {
  DEFAULT_SIDES,
  openSide,
  SIDE_LABELS,
  SIDE_NAMES,
  type SideName,
} from './pg-throughput/sides.js';
import {
  DESCRIPTIONS,
  loadRowIds,
  TRANSITIONS,
  WORKLOADS,
  type Workload,
} from './pg-throughput/workloads.js';
import { assertCompiledRuntimeIsFresh } from './throughput/compiled-runtime.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
assertCompiledRuntimeIsFresh(root);

const { values } = parseArgs({
  options: {
    workflows: { type: 'string', default: '2000' },
    batch: { type: 'string', default: '10' },
    clients: { type: 'string', default: '1,8' },
    workloads: { type: 'string', default: 'lifecycle,load' },
    sides: { type: 'string', default: DEFAULT_SIDES.join(',') },
    log: { type: 'string', default: 'off' },
    rows: { type: 'string', default: '64' },
    warmup: { type: 'string', default: '2' },
    trace: { type: 'boolean', default: false },
  },
});

function list<T extends string>(option: string, allowed: readonly T[]): T[] {
  const items = option.split(',').map((s) => s.trim());
  for (const item of items) {
    if (!allowed.includes(item as T))
      throw new Error(`${item}: expected one of ${allowed.join(', ')}`);
  }
  return items as T[];
}

const WORKFLOWS = Number(values.workflows);
const PER_CLIENT = Number(values.batch);
const ROWS = Number(values.rows);
const sides = list<SideName>(values.sides, SIDE_NAMES);
const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const url = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

interface ConfigResult {
  readonly workload: Workload;
  readonly clients: number;
  readonly log: boolean;
  readonly plan: BatchPlan;
  readonly loadAverage: readonly string[];
  readonly sides: readonly SideFigures[];
}

async function runConfig(
  schema: BenchSchema,
  workload: Workload,
  clients: number,
  log: boolean,
): Promise<ConfigResult> {
  const plan: BatchPlan = {
    clients,
    perClient: PER_CLIENT,
    warmup: Number(values.warmup),
    batches: Math.ceil(WORKFLOWS / (clients * PER_CLIENT)),
  };
  const started = loadAverage();
  const rows = workload === 'lifecycle' ? [] : loadRowIds(workload, clients, ROWS);
  const opened = [];
  for (const name of sides) {
    const table = `${name.replace('-', '_')}_${workload}_${clients}${log ? '_log' : ''}`;
    const logTable = log ? `${table}_entries` : undefined;
    await schema.createTables(table, logTable, rows);
    const setup = { schema, clients, workload, table, logTable, rowsPerClient: ROWS };
    opened.push({ side: openSide(name, setup), table, logTable });
  }
  try {
    const results = await compareSides(
      opened.map((o) => o.side),
      plan,
    );
    for (const { side, table, logTable } of opened) {
      await checkSide(
        schema,
        SIDE_LABELS[side.name],
        workload,
        table,
        logTable,
        workflowsRun(plan),
      );
    }
    return {
      workload,
      clients,
      log,
      plan,
      loadAverage: [started, loadAverage()],
      sides: figures(results, plan),
    };
  } finally {
    for (const { side } of opened) await side.close();
  }
}

const schema = await BenchSchema.create(url);
const results: ConfigResult[] = [];
try {
  for (const log of list(values.log, ['off', 'on'] as const)) {
    for (const workload of list(values.workloads, WORKLOADS)) {
      for (const clients of values.clients.split(',').map(Number)) {
        const result = await runConfig(schema, workload, clients, log === 'on');
        results.push(result);
        const { plan } = result;
        console.log(
          `\n${workload}${log === 'on' ? ' + transition log' : ''}, ${clients} client${clients > 1 ? 's' : ''}: ${DESCRIPTIONS[workload]}`,
        );
        console.log(
          `${plan.clients * plan.perClient * plan.batches} workflows per side in ${plan.batches} alternating batches of ${plan.perClient} per client, after ${plan.warmup} warm-up batches; load average ${result.loadAverage.join(' → ')}; all rows checked`,
        );
        console.log(formatTable(result.sides, TRANSITIONS[workload]));
        if (values.trace) {
          for (const side of result.sides) {
            console.log(`  ${SIDE_LABELS[side.side]}, one workflow:`);
            for (const query of side.trace) console.log(`    ${query}`);
          }
        }
      }
    }
  }
} finally {
  await schema.drop();
}
mkdirSync(join(root, 'bench/out'), { recursive: true });
writeFileSync(join(root, 'bench/out/pg-throughput.json'), `${JSON.stringify(results, null, 2)}\n`);
