import { UsageError } from '../errors.js';
import type { ClaimOptions, TimerFailure, TimerKey, TimerSchedule } from '../timer-operations.js';
import { loggedEntityId } from './sql/transition-log-ddl.js';

/** One timer row to insert, before the adapter numbers the entry when none was given. */
export interface TimerInsert {
  readonly machine: string;
  readonly entityId: string;
  readonly state: string;
  readonly target: string;
  readonly dueAt: Date;
  readonly createdAt: Date;
}

const isDate = (value: unknown): value is Date =>
  value instanceof Date && !Number.isNaN(value.getTime());

function refuse(what: string): never {
  throw new UsageError(`durable timers: ${what}`);
}

function checkText(value: unknown, what: string): string {
  if (typeof value !== 'string' || value === '') refuse(`${what} must be a non-empty string`);
  return value;
}

/**
 * The rows of one state entry, one per target (the earliest: it leaves the state first, which
 * cancels the others), checked before anything is written.
 */
export function timerInserts(schedule: TimerSchedule): TimerInsert[] {
  const machine = checkText(schedule.machine, 'machine');
  const state = checkText(schedule.state, 'state');
  if (schedule.entityId === undefined || schedule.entityId === null) refuse('entityId is missing');
  const { entrySeq } = schedule;
  if (entrySeq !== undefined && (!Number.isSafeInteger(entrySeq) || entrySeq < 1)) {
    refuse(`entrySeq must be a whole number ≥ 1, got ${String(entrySeq)}`);
  }
  if (!isDate(schedule.enteredAt)) refuse('enteredAt must be a valid Date');
  const earliest = new Map<string, Date>();
  for (const timer of schedule.timers) {
    const target = checkText(timer.target, 'a timer target');
    if (!isDate(timer.dueAt)) refuse(`the timer to ${target} needs a valid Date as dueAt`);
    const known = earliest.get(target);
    if (known === undefined || timer.dueAt < known) earliest.set(target, timer.dueAt);
  }
  const entityId = loggedEntityId(schedule.entityId);
  return [...earliest].map(([target, dueAt]) => ({
    machine,
    entityId,
    state,
    target,
    dueAt: new Date(dueAt),
    createdAt: new Date(schedule.enteredAt),
  }));
}

/** The claim's end, once the options are checked. */
export function claimUntil(options: ClaimOptions): Date {
  checkText(options.machine, 'machine');
  if (!isDate(options.now)) refuse('now must be a valid Date');
  if (!Number.isSafeInteger(options.limit) || options.limit < 1) {
    refuse(`limit must be a whole number ≥ 1, got ${String(options.limit)}`);
  }
  if (!Number.isSafeInteger(options.leaseMs) || options.leaseMs < 1) {
    refuse(`leaseMs must be a whole number of milliseconds ≥ 1, got ${String(options.leaseMs)}`);
  }
  return new Date(options.now.getTime() + options.leaseMs);
}

/** Last errors are kept short: they are for people reading a stuck timer, not for logs. */
const MAX_ERROR_LENGTH = 2000;

/** The failure's error as `last_error` keeps it: at most 2000 characters, no NUL (PostgreSQL). */
export function lastErrorText(failure: TimerFailure): string {
  return failure.error.replaceAll('\0', '').slice(0, MAX_ERROR_LENGTH);
}

/** When a failed timer is due again, once the failure is checked. */
export function retryAt(failure: TimerFailure): Date {
  if (typeof failure.error !== 'string') refuse('error must be a string');
  if (!isDate(failure.now)) refuse('now must be a valid Date');
  if (!Number.isSafeInteger(failure.backoffMs) || failure.backoffMs < 0) {
    refuse(
      `backoffMs must be a whole number of milliseconds ≥ 0, got ${String(failure.backoffMs)}`,
    );
  }
  return new Date(failure.now.getTime() + failure.backoffMs);
}

/** A claim that names the timer and its claim, as firing and failing present them. */
export function checkClaimed(timer: TimerKey & { readonly claimedUntil: unknown }): Date {
  checkText(timer.machine, 'machine');
  checkText(timer.entityId, 'entityId');
  checkText(timer.target, 'target');
  if (!Number.isSafeInteger(timer.entrySeq)) refuse('entrySeq must be a whole number');
  if (!isDate(timer.claimedUntil)) refuse('the timer carries no claim (claimedUntil)');
  return timer.claimedUntil;
}

/** Claim order: earliest next attempt, then entity, entry and target. */
export function compareTimers(
  a: TimerKey & { readonly nextAttemptAt: Date },
  b: TimerKey & { readonly nextAttemptAt: Date },
): number {
  return (
    a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() ||
    compareText(a.entityId, b.entityId) ||
    a.entrySeq - b.entrySeq ||
    compareText(a.target, b.target)
  );
}

/** By UTF-16 code units, as the SQL adapters' binary collations order ASCII text. */
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
