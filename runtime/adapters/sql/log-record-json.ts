/**
 * A log entry's `results` or `metadata` as JSON text. Handler results are whatever handlers
 * returned; they are logged as JSON gives them back (a Date as its ISO text, a Map as {}), and a
 * value JSON cannot hold (a cycle, a bigint) as a description, rather than failing the transition
 * they describe.
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
    try {
      const text = JSON.stringify(value);
      if (text !== undefined) safe[key] = JSON.parse(text);
    } catch (error) {
      safe[key] = `[not JSON-serialisable: ${(error as Error).message}]`;
    }
  }
  return safe;
}
