import type { Database as BetterSqliteDatabase } from 'better-sqlite3';

/** Parcels loaded by the load workload, seeded in InTransit on both sides. */
export const LOADED_PARCELS = 1_000;

/** The tables of the realistic workloads (bench/workloads/*), beside bench-database.ts's orders. */
export function createParcelTables(db: BetterSqliteDatabase): void {
  db.exec(`
    CREATE TABLE parcels (id TEXT PRIMARY KEY, status TEXT NOT NULL, location TEXT NOT NULL, scans INTEGER NOT NULL);
    CREATE TABLE shipped (id TEXT PRIMARY KEY, status TEXT NOT NULL);
    CREATE TABLE labels (labelId TEXT PRIMARY KEY, parcelId TEXT NOT NULL, state TEXT NOT NULL);
  `);
  const seed = db.prepare(
    "INSERT INTO parcels (id, status, location, scans) VALUES (?, 'in_transit', 'L0', 0)",
  );
  db.transaction(() => {
    for (let i = 0; i < LOADED_PARCELS; i++) seed.run(`S${i}`);
  })();
}

/** Every workflow's rows ended where they should: the count the workload expects. */
export function countRows(db: BetterSqliteDatabase, sql: string): number {
  return db.prepare(sql).pluck().get() as number;
}
