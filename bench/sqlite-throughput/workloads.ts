import type { Database as BetterSqliteDatabase } from 'better-sqlite3';
import { completedOrders } from './bench-database.js';
import { countRows, LOADED_PARCELS } from './parcel-tables.js';
import { labelledHandWritten, loadHandWritten, parcelsHandWritten } from './realistic-hand.js';
import {
  labelledThroughRuntime,
  loadThroughRuntime,
  parcelsThroughRuntime,
} from './realistic-runtime.js';
import { handWritten, throughRuntime, type Side } from './sides.js';

export interface Workload {
  readonly name: string;
  readonly description: string;
  readonly transitionsPerWorkflow: number;
  /** Workflows run per `--workflows` asked (self-loop's are 1,000 times longer). */
  readonly share: number;
  readonly runtime: (db: BetterSqliteDatabase) => Side;
  readonly hand: (db: BetterSqliteDatabase) => Side;
  /** How many workflows left their rows where they should be. */
  readonly done: (db: BetterSqliteDatabase) => number;
}

const SELF_LOOPS = 1_000;
const delivered = (db: BetterSqliteDatabase) =>
  countRows(db, "SELECT count(*) FROM parcels WHERE status = 'delivered'");

/** lifecycle is the first benchmark; the others are the realistic ones (bench/workloads/*). */
export const WORKLOADS: readonly Workload[] = [
  {
    name: 'lifecycle',
    description: 'create + 2 transitions, no data, no handlers',
    transitionsPerWorkflow: 3,
    share: 1,
    runtime: throughRuntime,
    hand: handWritten,
    done: completedOrders,
  },
  {
    name: 'data',
    description: 'create + 3 transitions, data + 1 validator + 1 hook on each',
    transitionsPerWorkflow: 4,
    share: 1,
    runtime: (db) => parcelsThroughRuntime(db, 0),
    hand: (db) => parcelsHandWritten(db, 0),
    done: delivered,
  },
  {
    name: 'self-loop',
    description: `create + 2 transitions + ${SELF_LOOPS} self-loops + 1, as data`,
    transitionsPerWorkflow: 4 + SELF_LOOPS,
    share: 0.01,
    runtime: (db) => parcelsThroughRuntime(db, SELF_LOOPS),
    hand: (db) => parcelsHandWritten(db, SELF_LOOPS),
    done: delivered,
  },
  {
    name: 'two-model',
    description: 'create parcel + label, 2 transitions each moving both rows',
    transitionsPerWorkflow: 3,
    share: 1,
    runtime: labelledThroughRuntime,
    hand: labelledHandWritten,
    done: (db) => countRows(db, "SELECT count(*) FROM labels WHERE state = 'filed'"),
  },
  {
    name: 'load',
    description: `load one of ${LOADED_PARCELS} parcels + 1 self-loop with data, validator, hook`,
    transitionsPerWorkflow: 1,
    share: 1,
    runtime: loadThroughRuntime,
    hand: loadHandWritten,
    done: (db) => countRows(db, 'SELECT coalesce(sum(scans), 0) FROM parcels'),
  },
];

export function workloadNamed(name: string): Workload {
  const found = WORKLOADS.find((w) => w.name === name);
  if (!found)
    throw new Error(
      `unknown workload '${name}' (known: ${WORKLOADS.map((w) => w.name).join(', ')})`,
    );
  return found;
}
