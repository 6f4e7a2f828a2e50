import type { PgPoolClient, PgTypeParsers } from './driver-types.js';
import { parseTimestamp } from './timestamps.js';

type Parse = (text: string) => unknown;

const identity: Parse = (text) => text;

/** Type OIDs (fixed in every Postgres) and how the adapter reads their text. */
const PARSERS: ReadonlyMap<number, Parse> = new Map<number, Parse>([
  [16, (text) => text === 't'], // bool
  [20, (text) => BigInt(text)], // int8
  [21, Number], // int2
  [23, Number], // int4
  [26, Number], // oid
  [25, identity], // text
  [1043, identity], // varchar
  [1042, identity], // bpchar
  [1700, identity], // numeric: exact, as text
  [114, (text) => JSON.parse(text)], // json
  [3802, (text) => JSON.parse(text)], // jsonb
  [1114, parseTimestamp], // timestamp (as UTC)
  [1184, parseTimestamp], // timestamptz
]);

const clientParsers = new WeakMap<PgPoolClient, PgTypeParsers>();

/**
 * The parsers a query of the adapter runs with (pg's per-query `types`), so a user's own pool and
 * its global parsers stay as they are. Types the adapter does not read itself are parsed as the
 * client would (its own or pg's global parsers), or left as text.
 */
export function typeParsersFor(client: PgPoolClient): PgTypeParsers {
  let parsers = clientParsers.get(client);
  if (parsers === undefined) {
    const fallback = client.getTypeParser?.bind(client);
    parsers = {
      getTypeParser: (oid, format) =>
        PARSERS.get(oid) ?? (fallback?.(oid, format) as Parse | undefined) ?? identity,
    };
    clientParsers.set(client, parsers);
  }
  return parsers;
}
