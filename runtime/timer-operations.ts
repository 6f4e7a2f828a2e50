/**
 * Durable timers as adapters store them (issue 11): one row per timer of one entry of an entity
 * into a state, in a table of its own (`timerTableDdl`). The runtime writes them in the
 * transition's own transaction and a worker fires them through `Machine.runDueTimers`.
 */

/** The timers of one entry of an entity into a state, as `scheduleTimers` takes them. */
export interface TimerSchedule {
  readonly machine: string;
  /** The primary row's identifier; stored as text, as the transition log's `entityId` is. */
  readonly entityId: unknown;
  /** The state just entered; its timers are cancelled when the entity leaves it. */
  readonly state: string;
  /**
   * Which entry into `state` the timers belong to: the transition log's `seq` of that entry. An
   * adapter that keeps no log is given none, and numbers the entry itself (one more than the
   * highest entry of this machine and entity among its timers, 1 for none).
   */
  readonly entrySeq?: number;
  /** When the state was entered: the rows' `created_at`. */
  readonly enteredAt: Date;
  /**
   * One per target. Two timers to one target are stored as one, the earliest: it leaves the
   * state first, which cancels the other.
   */
  readonly timers: readonly { readonly target: string; readonly dueAt: Date }[];
}

/** Which stored timer: a timer is scheduled once per (machine, entity, entry, target). */
export interface TimerKey {
  readonly machine: string;
  /** As stored: the text of the identifier (see `loggedEntityId`). */
  readonly entityId: string;
  readonly entrySeq: number;
  readonly target: string;
}

/** A stored timer row. */
export interface StoredTimer extends TimerKey {
  readonly state: string;
  /** When it first became due. */
  readonly dueAt: Date;
  /** When it may be tried next: `dueAt`, later after a failure (backoff). */
  readonly nextAttemptAt: Date;
  /** Failed attempts so far. */
  readonly attempts: number;
  readonly lastError: string | null;
  /** Until when a worker holds it; null when none does. */
  readonly claimedUntil: Date | null;
  readonly createdAt: Date;
}

/** A timer a worker claimed: its `claimedUntil` is the claim, which firing or failing presents. */
export interface ClaimedTimer extends StoredTimer {
  readonly claimedUntil: Date;
}

export interface ClaimOptions {
  readonly machine: string;
  /** The worker's clock: due means `nextAttemptAt <= now`. */
  readonly now: Date;
  /** At most this many, earliest `nextAttemptAt` first. */
  readonly limit: number;
  /** How long (ms, > 0) the claim holds; after it another worker may claim the timer again. */
  readonly leaseMs: number;
}

export interface TimerFailure {
  /** What went wrong, kept as `lastError` (its first 2000 characters). */
  readonly error: string;
  /** The worker's clock when it failed. */
  readonly now: Date;
  /** The timer is due again at `now + backoffMs`. */
  readonly backoffMs: number;
}

/**
 * The durable-timer operations an adapter may offer (all or none). On a transaction's handle they
 * run in that transaction (so a rollback takes them back); on the adapter itself each runs in a
 * transaction of its own.
 *
 * Claim protocol, for many workers: `claimDueTimers` (in a short transaction of its own) marks up
 * to `limit` due, unclaimed timers as held until `now + leaseMs` and returns them; then each is
 * fired in a transaction of its own that calls `markTimerFired` (deletes the row if it still
 * carries that claim). `false` there means another worker's claim replaced this one after the
 * lease ran out, or the entity left the state (which deleted the row): the firing transaction
 * must roll back. A failed firing rolls back and then calls `markTimerFailed`, which releases the
 * claim and makes the timer due again after a backoff. So each timer fires at most once.
 */
export interface TimerOperations {
  /** Inserts the entry's timer rows; returns the entry's sequence (given or numbered). */
  scheduleTimers(schedule: TimerSchedule): Promise<number>;
  /** Deletes every timer of the entity in `machine` (it left its state); returns how many. */
  cancelTimers(machine: string, entityId: unknown): Promise<number>;
  /**
   * Claims due timers: `nextAttemptAt <= now` and unclaimed or with a lapsed claim, earliest
   * first (then by entity, entry and target), at most `limit`. PostgreSQL and MySQL/MariaDB
   * skip rows another worker is claiming (`FOR UPDATE SKIP LOCKED`); SQLite's and the in-memory
   * adapters' transactions exclude each other anyway.
   */
  claimDueTimers(options: ClaimOptions): Promise<ClaimedTimer[]>;
  /** Deletes the fired timer if it still carries this claim; `false` if it does not. */
  markTimerFired(timer: ClaimedTimer): Promise<boolean>;
  /**
   * Counts a failed attempt: `attempts + 1`, `lastError`, due again at `now + backoffMs`,
   * unclaimed; only if it still carries this claim (`false` otherwise).
   */
  markTimerFailed(timer: ClaimedTimer, failure: TimerFailure): Promise<boolean>;
  /** One entity's timers in `machine`, by entry and target (for inspection and tests). */
  readTimers(machine: string, entityId: unknown): Promise<StoredTimer[]>;
}
