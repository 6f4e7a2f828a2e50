import { SqliteAdapter } from 'state-machine-framework/adapters/sqlite';
import { execOn, onCleanup, tempDatabasePath } from '../../sqlite/support/temp-database.js';
import type { StoreUnderTest } from './check-program.js';
import type { ItemModel } from './item-reference.js';

const TABLES = { Item: 'items', Note: 'notes', Tag: 'tags' } as const;

const SCHEMA_SQL = `
CREATE TABLE items (id TEXT PRIMARY KEY, status TEXT NOT NULL, count INTEGER NOT NULL);
CREATE TABLE notes (
  noteId TEXT PRIMARY KEY, itemId TEXT NOT NULL REFERENCES items (id),
  stage TEXT NOT NULL, count INTEGER NOT NULL
);
CREATE TABLE tags (
  tagId TEXT PRIMARY KEY, itemId TEXT NOT NULL REFERENCES items (id),
  stage TEXT NOT NULL, count INTEGER NOT NULL, version INTEGER NOT NULL
);
`;

/**
 * A SQLite file with the item tables and `connections` adapters on it (each its own connection,
 * so their transactions contend for the file's write lock), emptied again by `reset`.
 */
export function sqliteItems(connections: number): {
  store: StoreUnderTest;
  reset: () => Promise<void>;
} {
  const file = tempDatabasePath();
  execOn(file, SCHEMA_SQL);
  const adapters = Array.from({ length: connections }, () => {
    const adapter = new SqliteAdapter(file, { tables: TABLES, transitionLog: true });
    onCleanup(() => adapter.close());
    return adapter;
  });
  const [first] = adapters as [SqliteAdapter];
  const store: StoreUnderTest = {
    adapters,
    rows: (model: ItemModel) => first.filter(model, {}),
    log: async () =>
      (await first.readTransitionLog()).map(({ entityId, from, to }) => ({
        entity: String(entityId),
        from,
        to,
      })),
  };
  const reset = () =>
    first.transaction(async () => {
      first.database.exec(
        'DELETE FROM smf_transitions; DELETE FROM tags; DELETE FROM notes; DELETE FROM items;',
      );
    });
  return { store, reset };
}
