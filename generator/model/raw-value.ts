import {
  CALL_KEY,
  SCHEMA_REFERENCE_KEY,
  UNREADABLE_KEY,
  type RawPath,
  type RawValue,
} from '../definition/parse-result.js';

type Readable = RawValue | undefined;

export function isRawObject(value: Readable): value is Readonly<Record<string, RawValue>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The raw value at `path`, or undefined when the path leads nowhere. */
export function rawValueAt(root: RawValue, path: RawPath): Readable {
  let current: Readable = root;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === 'number') current = current[segment];
    else if (isRawObject(current) && Object.hasOwn(current, segment)) current = current[segment];
    else return undefined;
  }
  return current;
}

/** True when parse could not read the value at `path` or one of its ancestors. */
export function isUnderUnreadable(root: RawValue, path: RawPath): boolean {
  for (let length = 0; length <= path.length; length += 1) {
    const value = rawValueAt(root, path.slice(0, length));
    if (isRawObject(value) && Object.hasOwn(value, UNREADABLE_KEY)) return true;
  }
  return false;
}

/** How a message names what was written: `'yes'`, `3`, `an array`, `value()`. */
export function describeRawValue(value: Readable): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'an array';
  if (isRawObject(value)) {
    const call = value[CALL_KEY];
    if (typeof call === 'string') return `${call}()`;
    if (Object.hasOwn(value, SCHEMA_REFERENCE_KEY)) return 'a schema reference';
  }
  return 'an object';
}
