// The realistic workloads as hand-written better-sqlite3 code with the runtime's guarantees: BEGIN
// IMMEDIATE per workflow, a savepoint per transition, the same INSERT and compare-and-set UPDATEs
// (SET data and state WHERE id AND state), and the same validator and hook work per transition.
import type { Database as BetterSqliteDatabase } from 'better-sqlite3';
import { checkLocation, describeParcel } from '../workloads/parcel-handlers.js';
import { LOADED_PARCELS } from './parcel-tables.js';
import { measure, type Side } from './sides.js';

function transactions(db: BetterSqliteDatabase) {
  const [begin, commit, rollback] = ['BEGIN IMMEDIATE', 'COMMIT', 'ROLLBACK'].map((s) =>
    db.prepare(s),
  );
  const savepoint = db.prepare('SAVEPOINT sp');
  const release = db.prepare('RELEASE sp');
  /** One workflow: a transaction. */
  const workflow = (work: () => void) => {
    begin!.run();
    try {
      work();
      commit!.run();
    } catch (error) {
      rollback!.run();
      throw error;
    }
  };
  /** One transition: a savepoint (released; the error rolls the whole workflow back). */
  const step = (work: () => void) => {
    savepoint.run();
    work();
    release.run();
  };
  return { workflow, step };
}

const changedOne = (result: { changes: number }, id: string) => {
  if (result.changes !== 1) throw new Error(`${id} changed concurrently`);
};

function parcelStatements(db: BetterSqliteDatabase) {
  const update = db.prepare(
    'UPDATE parcels SET location = ?, scans = ?, status = ? WHERE id = ? AND status = ?',
  );
  /** A transition with data: the validator's check, the UPDATE, the hook's result. */
  const move = (id: string, from: string, to: string, scans: number) => {
    const location = `L${scans % 64}`;
    checkLocation(location);
    changedOne(update.run(location, scans, to, id, from), id);
    return describeParcel(id, location);
  };
  return { move };
}

/** data (`scans` = 0) or self-loop, as parcelsThroughRuntime. */
export function parcelsHandWritten(db: BetterSqliteDatabase, scans: number): Side {
  const { workflow, step } = transactions(db);
  const { move } = parcelStatements(db);
  const insert = db.prepare(
    'INSERT INTO parcels (id, location, scans, status) VALUES (?, ?, ?, ?)',
  );
  return (first, count) =>
    measure(() => {
      for (let i = first; i < first + count; i++) {
        const id = `P${i}`;
        workflow(() => {
          step(() => {
            checkLocation('L0');
            insert.run(id, 'L0', 0, 'received');
            describeParcel(id, 'L0');
          });
          step(() => move(id, 'received', 'sorted', 1));
          step(() => move(id, 'sorted', 'in_transit', 2));
          for (let k = 0; k < scans; k++) step(() => move(id, 'in_transit', 'in_transit', 3 + k));
          step(() => move(id, 'in_transit', 'delivered', 3 + scans));
        });
      }
    });
}

/** two-model, as labelledThroughRuntime. */
export function labelledHandWritten(db: BetterSqliteDatabase): Side {
  const { workflow, step } = transactions(db);
  const insertParcel = db.prepare('INSERT INTO shipped (id, status) VALUES (?, ?)');
  const insertLabel = db.prepare('INSERT INTO labels (labelId, parcelId, state) VALUES (?, ?, ?)');
  const parcel = db.prepare('UPDATE shipped SET status = ? WHERE id = ? AND status = ?');
  const label = db.prepare('UPDATE labels SET state = ? WHERE labelId = ? AND state = ?');
  const move = (n: number, [from, to]: [string, string], [was, is]: [string, string]) => {
    changedOne(parcel.run(to, `P${n}`, from), `P${n}`);
    changedOne(label.run(is, `L${n}`, was), `L${n}`);
  };
  return (first, count) =>
    measure(() => {
      for (let i = first; i < first + count; i++) {
        workflow(() => {
          step(() => {
            insertParcel.run(`P${i}`, 'booked');
            insertLabel.run(`L${i}`, `P${i}`, 'printed');
          });
          step(() => move(i, ['booked', 'shipped'], ['printed', 'scanned']));
          step(() => move(i, ['shipped', 'delivered'], ['scanned', 'filed']));
        });
      }
    });
}

/** load, as loadThroughRuntime: SELECT the row, then one transition. */
export function loadHandWritten(db: BetterSqliteDatabase): Side {
  const { workflow, step } = transactions(db);
  const { move } = parcelStatements(db);
  const select = db.prepare('SELECT * FROM parcels WHERE id = ?');
  return (first, count) =>
    measure(() => {
      for (let i = first; i < first + count; i++) {
        const id = `S${i % LOADED_PARCELS}`;
        workflow(() => {
          const row = select.get(id) as { status: string; scans: number } | undefined;
          if (row?.status !== 'in_transit') throw new Error(`${id} is not in transit`);
          step(() => move(id, 'in_transit', 'in_transit', row.scans + 1));
        });
      }
    });
}
