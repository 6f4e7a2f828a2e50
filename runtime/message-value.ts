/**
 * A value as error messages show it: JSON, with bigints (which JSON cannot hold) as `12n`, and
 * `String(value)` for what JSON cannot show (`undefined`, a function, a cycle). Never throws, so a
 * message about an odd value does not turn into a TypeError about showing it.
 */
export function show(value: unknown): string {
  try {
    return (
      JSON.stringify(value, (_key, inner: unknown) =>
        typeof inner === 'bigint' ? `${inner}n` : inner,
      ) ?? String(value)
    );
  } catch {
    return String(value);
  }
}
