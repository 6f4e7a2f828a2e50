// The realistic workloads through the runtime + SqliteAdapter (hand-written: realistic-hand.ts).
import type { Database as BetterSqliteDatabase } from 'better-sqlite3';
import { SqliteAdapter } from 'state-machine-framework/adapters/sqlite';
import { LabelledMachine } from '../workloads/labelled.machine.gen.js';
import { labelledRows } from '../workloads/labelled-rows.js';
import { parcelMachine, scanData } from '../workloads/parcel-handlers.js';
import { LOADED_PARCELS } from './parcel-tables.js';
import { measure, type Side } from './sides.js';

const context = {};

/** data (`scans` = 0) or self-loop: create, Sorted, InTransit, `scans` self-loops, Delivered. */
export function parcelsThroughRuntime(db: BetterSqliteDatabase, scans: number): Side {
  const adapter = new SqliteAdapter(db, { tables: { Parcel: 'parcels' } });
  return (first, count) =>
    measure(async () => {
      for (let i = first; i < first + count; i++) {
        await parcelMachine.run({ adapter, context }, async (wf) => {
          const received = await wf.transitionTo('Received', {
            Parcel: { id: `P${i}`, ...scanData(0).Parcel },
          });
          const sorted = await received.transitionTo('Sorted', scanData(1));
          let at = await sorted.transitionTo('InTransit', scanData(2));
          for (let k = 0; k < scans; k++) at = await at.transitionTo('InTransit', scanData(3 + k));
          await at.transitionTo('Delivered', scanData(3 + scans));
        });
      }
    });
}

/** two-model: create parcel + label, then Shipped and Delivered, each moving both rows. */
export function labelledThroughRuntime(db: BetterSqliteDatabase): Side {
  const adapter = new SqliteAdapter(db, { tables: { Parcel: 'shipped', Label: 'labels' } });
  return (first, count) =>
    measure(async () => {
      for (let i = first; i < first + count; i++) {
        await LabelledMachine.run({ adapter, context }, async (wf) => {
          const booked = await wf.transitionTo('Booked', labelledRows(i));
          const shipped = await booked.transitionTo('Shipped');
          await shipped.transitionTo('Delivered');
        });
      }
    });
}

/** load: load a seeded parcel, scan it once, commit. */
export function loadThroughRuntime(db: BetterSqliteDatabase): Side {
  const adapter = new SqliteAdapter(db, { tables: { Parcel: 'parcels' } });
  return (first, count) =>
    measure(async () => {
      for (let i = first; i < first + count; i++) {
        const id = `S${i % LOADED_PARCELS}`;
        await parcelMachine.load({ adapter, id, context }, async (wf) => {
          if (!wf.is('InTransit')) throw new Error(`${id} is in ${wf.state}`);
          await wf.transitionTo('InTransit', scanData(wf.instances.Parcel.scans + 1));
        });
      }
    });
}
