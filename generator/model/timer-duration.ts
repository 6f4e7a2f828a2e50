/**
 * The durations a state's `after` keys may be: a whole number followed by a unit (`'500ms'`,
 * `'30s'`, `'15m'`, `'48h'`, `'7d'`), or a number of milliseconds (`90000`, which JavaScript
 * makes the key `'90000'`).
 */

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
type Unit = keyof typeof UNIT_MS;

/** Largest unit first: what `formatDuration` prefers. */
const UNITS_DESCENDING: readonly Unit[] = ['d', 'h', 'm', 's', 'ms'];

/**
 * 3650 days (about 10 years). A longer wait is almost certainly a slip of the unit, and it keeps
 * every due time far inside the range a JavaScript `Date` and a SQL timestamp hold.
 */
export const MAX_TIMER_MS = 3650 * UNIT_MS.d;

/** As the definition's author would read it: sign, digits, optional fraction, optional unit. */
const DURATION = /^([+-]?)(\d+)(?:\.(\d+))?(ms|s|m|h|d)?$/;

export type DurationReading =
  | { readonly ok: true; readonly ms: number }
  | { readonly ok: false; readonly problem: string; readonly hint: string };

const FORMS =
  "write a whole number followed by ms, s, m, h or d ('500ms', '30s', '15m', '48h', '7d'), or a number of milliseconds";

/** The duration a key means, or what is wrong with it (for SMF214). */
export function readDuration(key: string): DurationReading {
  const match = DURATION.exec(key);
  if (match === null) {
    const lowerCase = key.toLowerCase();
    const hint =
      lowerCase !== key && DURATION.test(lowerCase) ? `units are lowercase: '${lowerCase}'` : FORMS;
    return { ok: false, problem: 'is not a duration', hint };
  }
  const [, sign = '', whole = '', fraction = '', unit = 'ms'] = match;
  const scale = 10n ** BigInt(fraction.length);
  const scaledMs = BigInt(whole + fraction) * BigInt(UNIT_MS[unit as Unit]);
  const atLeastOneMs = 'a timer fires at the earliest 1ms after its state is entered';
  if (scaledMs === 0n) return { ok: false, problem: 'is zero', hint: atLeastOneMs };
  if (sign === '-') return { ok: false, problem: 'is negative', hint: atLeastOneMs };
  if (scaledMs % scale !== 0n) {
    return {
      ok: false,
      problem: 'is not a whole number of milliseconds',
      hint: 'timers count whole milliseconds',
    };
  }
  const ms = scaledMs / scale;
  if (ms > BigInt(MAX_TIMER_MS)) {
    return {
      ok: false,
      problem: `is longer than ${formatDuration(MAX_TIMER_MS)} (about 10 years)`,
      hint: `the longest timer is '${formatDuration(MAX_TIMER_MS)}'; wait longer outside the machine`,
    };
  }
  if (fraction !== '' || sign !== '') {
    return {
      ok: false,
      problem: fraction === '' ? 'has a sign' : 'is not a whole number of its unit',
      hint: `write '${formatDuration(Number(ms))}'`,
    };
  }
  return { ok: true, ms: Number(ms) };
}

/** `172800000` → `'2d'`, `5400000` → `'90m'`: the largest unit that divides it exactly. */
export function formatDuration(ms: number): string {
  const unit = UNITS_DESCENDING.find((candidate) => ms % UNIT_MS[candidate] === 0) ?? 'ms';
  return `${ms / UNIT_MS[unit]}${unit}`;
}

/** How a diagram labels a timer: the key as written, or formatted when it is bare milliseconds. */
export function durationLabel(key: string, ms: number): string {
  return /^\d+$/.test(key) ? formatDuration(ms) : key;
}
