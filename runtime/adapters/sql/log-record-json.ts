/**
 * A log entry's `results` or `metadata` as JSON text. Handler results are whatever handlers
 * returned and metadata whatever callers passed; they are logged as JSON gives them back (a Date
 * as its ISO text, a Map as {}), and a value some database's JSON cannot hold — a cycle, a bigint,
 * or text with a NUL character or half a surrogate pair, which PostgreSQL's jsonb refuses — as a
 * description, rather than failing the transition they describe. Every adapter logs the same.
 */
export function logRecordJson(values: Readonly<Record<string, unknown>>): string {
  return JSON.stringify(logRecordValues(values));
}

/** The same, as the parsed object (for drivers that take a JSON value). */
export function logRecordValues(
  values: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const safe: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    const loggedKey = storableText(key)
      ? key
      : key.replaceAll(NUL, '\ufffd').replace(LONE_SURROGATES, '\ufffd');
    try {
      const text = JSON.stringify(value);
      if (text === undefined) continue;
      const parsed: unknown = JSON.parse(text);
      safe[loggedKey] = storable(parsed)
        ? parsed
        : '[not storable as JSON: it holds text with a NUL character or half a surrogate pair]';
    } catch (error) {
      safe[loggedKey] = `[not JSON-serialisable: ${(error as Error).message}]`;
    }
  }
  return safe;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');
const NUL = String.fromCharCode(0);

const storableText = (text: string) => !text.includes(NUL) && !LONE_SURROGATE.test(text);

/** Whether every text in a parsed JSON value (keys included) is one every database stores. */
function storable(value: unknown): boolean {
  if (typeof value === 'string') return storableText(value);
  if (typeof value !== 'object' || value === null) return true;
  if (Array.isArray(value)) return value.every(storable);
  return Object.entries(value).every(([key, inner]) => storable(key) && storable(inner));
}
