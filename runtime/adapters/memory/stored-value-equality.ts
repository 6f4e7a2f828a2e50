/**
 * Whether a stored value equals `wanted` as data, the way a SQL database compares what it
 * stored: primitives with `===`, except that a bigint and a number of the same integer value
 * are equal (SQLite compares them so); NaN equals nothing, itself included. Object values are
 * compared by `sameObjectData`. Primitives never reach the object comparison.
 */
export function sameStoredValue(stored: unknown, wanted: unknown): boolean {
  if (typeof wanted === 'object') {
    return wanted === null ? stored === null : sameObjectData(stored, wanted);
  }
  // A stored value is never a function, whatever a row inherits (constructor, toString…).
  if (stored === wanted) return typeof wanted !== 'function';
  if (typeof stored === 'bigint') return typeof wanted === 'number' && sameInteger(stored, wanted);
  if (typeof wanted === 'bigint') return typeof stored === 'number' && sameInteger(wanted, stored);
  return false;
}

function sameInteger(big: bigint, number: number): boolean {
  return Number.isInteger(number) && BigInt(number) === big;
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Stored objects are structuredClone copies, so only the kinds it yields are told apart: Dates
 * by time, byte arrays (a Buffer reads back as a Uint8Array) by content, arrays, Maps, Sets and
 * plain objects deeply (in SQL they would be JSON, which has no undefined fields), anything else
 * (RegExp, Error, boxed primitives) by class and text. A class instance is not a plain object.
 */
export function sameObjectData(stored: unknown, wanted: object): boolean {
  if (typeof stored !== 'object' || stored === null) return false;
  if (stored instanceof Date)
    return wanted instanceof Date && stored.getTime() === wanted.getTime();
  if (ArrayBuffer.isView(stored)) return ArrayBuffer.isView(wanted) && sameView(stored, wanted);
  if (stored instanceof ArrayBuffer) {
    return (
      wanted instanceof ArrayBuffer && sameBytes(new Uint8Array(stored), new Uint8Array(wanted))
    );
  }
  if (Array.isArray(stored)) return Array.isArray(wanted) && sameArray(stored, wanted);
  if (stored instanceof Map) return wanted instanceof Map && sameMap(stored, wanted);
  if (stored instanceof Set) return wanted instanceof Set && sameSet(stored, wanted);
  if (isPlainObject(stored)) {
    return isPlainObject(wanted) && sameFields(stored as Record<string, unknown>, wanted);
  }
  return (
    Object.getPrototypeOf(stored) === Object.getPrototypeOf(wanted) &&
    String(stored) === String(wanted) &&
    sameFields(stored as Record<string, unknown>, wanted)
  );
}

/** A Buffer is a Uint8Array; other typed arrays equal only their own kind. */
const viewKind = (view: ArrayBufferView): unknown =>
  view instanceof Uint8Array ? Uint8Array : view.constructor;

const viewBytes = (view: ArrayBufferView) =>
  new Uint8Array(view.buffer, view.byteOffset, view.byteLength);

function sameView(stored: ArrayBufferView, wanted: ArrayBufferView): boolean {
  return viewKind(stored) === viewKind(wanted) && sameBytes(viewBytes(stored), viewBytes(wanted));
}

function sameBytes(stored: Uint8Array, wanted: Uint8Array): boolean {
  if (stored.length !== wanted.length) return false;
  for (let i = 0; i < stored.length; i++) if (stored[i] !== wanted[i]) return false;
  return true;
}

function sameArray(stored: readonly unknown[], wanted: readonly unknown[]): boolean {
  if (stored.length !== wanted.length) return false;
  for (let i = 0; i < stored.length; i++) if (!sameStoredValue(stored[i], wanted[i])) return false;
  return true;
}

/** Own enumerable fields, those holding undefined left out (JSON would drop them). */
function definedKeys(value: object): string[] {
  const record = value as Record<string, unknown>;
  return Object.keys(value).filter((key) => record[key] !== undefined);
}

function sameFields(stored: Record<string, unknown>, wanted: object): boolean {
  const keys = definedKeys(wanted);
  if (keys.length !== definedKeys(stored).length) return false;
  const record = wanted as Record<string, unknown>;
  return keys.every(
    (key) => Object.hasOwn(stored, key) && sameStoredValue(stored[key], record[key]),
  );
}

/** Entries pair one to one: primitive keys by Map lookup, object keys by data. */
function sameMap(stored: Map<unknown, unknown>, wanted: Map<unknown, unknown>): boolean {
  if (stored.size !== wanted.size) return false;
  const unpaired = [...stored].filter(([key]) => typeof key === 'object' && key !== null);
  for (const [key, value] of wanted) {
    if (typeof key !== 'object' || key === null) {
      if (!sameStoredValue(key, key) || !stored.has(key)) return false;
      if (!sameStoredValue(stored.get(key), value)) return false;
      continue;
    }
    const at = unpaired.findIndex(([k, v]) => sameObjectData(k, key) && sameStoredValue(v, value));
    if (at < 0) return false;
    unpaired.splice(at, 1);
  }
  return true;
}

const setAsMap = (set: Set<unknown>) => new Map([...set].map((item) => [item, true] as const));

function sameSet(stored: Set<unknown>, wanted: Set<unknown>): boolean {
  return sameMap(setAsMap(stored), setAsMap(wanted));
}
