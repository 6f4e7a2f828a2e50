/**
 * How `Machine.find` orders identifiers where the runtime sorts rows itself (MemoryAdapter, and
 * the fallback for an adapter without `findPage`): numbers and bigints by value (the two mixed
 * too), strings by UTF-16 code units (JavaScript's `<`), Dates by time.
 */
export function compareIdentifiers(a: unknown, b: unknown): number {
  // `<` compares numbers with bigints exactly and Dates by their time value.
  const x = a as number;
  const y = b as number;
  return x < y ? -1 : x > y ? 1 : 0;
}
