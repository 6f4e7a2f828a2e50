import { show } from './message-value.js';

/**
 * Error classes. Subclasses declare their fields (`declare readonly`) and set them with one
 * `Object.assign`: a class field list costs every class a declaration per field in the bundle.
 * `instanceof` is answered by a brand rather than the prototype chain, so an error
 * thrown by one copy of the package (say, the built dist/) is still recognised by the classes of
 * another copy (say, a bundler's or a test runner's).
 */
const KINDS = Symbol.for('state-machine-framework.error-kinds');

interface Branded {
  readonly [KINDS]?: readonly string[];
}

function hasKind(value: unknown, kind: string): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    ((value as Branded)[KINDS]?.includes(kind) ?? false)
  );
}

export class StateMachineError extends Error {
  declare readonly [KINDS]: readonly string[];
  /** The machine the error concerns, when there is one. */
  readonly machine: string | undefined;

  constructor(message: string, options: { machine?: string | undefined; cause?: unknown } = {}) {
    super(message, 'cause' in options ? { cause: options.cause } : undefined);
    this.name = new.target.name;
    const kinds: string[] = [];
    for (let c: unknown = new.target; c && c !== Error; c = Object.getPrototypeOf(c)) {
      kinds.push((c as { name: string }).name);
    }
    Object.defineProperty(this, KINDS, { value: kinds });
    this.machine = options.machine;
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasKind(value, this.name);
  }
}

/** A step as messages show it: `Pending → Paid`, `(new) → Pending` for a fresh workflow. */
const stepText = (from: string | null, to: string): string => `${from ?? '(new)'} → ${to}`;

/** The target is not a legal transition from the current state; nothing ran. */
export class TransitionError extends StateMachineError {
  declare readonly from: string | null;
  declare readonly to: string;
  declare readonly allowed: readonly string[];

  constructor(
    machine: string,
    from: string | null,
    to: string,
    allowed: readonly string[],
    why?: string,
  ) {
    const fromText = from === null ? 'a new workflow' : `'${from}'`;
    const allowedText = allowed.length ? allowed.map((s) => `'${s}'`).join(', ') : 'none';
    super(
      `${machine}: cannot transition from ${fromText} to '${to}'${why ? ` (${why})` : ''}; allowed: ${allowedText}`,
      { machine },
    );
    Object.assign(this, { from, to, allowed });
  }
}

export interface RejectionReason {
  readonly handler: string;
  readonly message: string;
  readonly error: unknown;
}

/** One or more validators rejected the transition; every reason is listed. */
export class TransitionRejectedError extends StateMachineError {
  declare readonly from: string | null;
  declare readonly to: string;
  declare readonly reasons: readonly RejectionReason[];

  constructor(
    machine: string,
    from: string | null,
    to: string,
    reasons: readonly RejectionReason[],
  ) {
    const list = reasons.map((r) => `${r.handler}: ${r.message}`).join('; ');
    super(`${machine}: transition ${stepText(from, to)} rejected by ${list}`, { machine });
    Object.assign(this, { from, to, reasons });
  }
}

export type HandlerStage = 'preTransition' | 'validator' | 'transition' | 'hook' | 'afterCommit';

/** A handler threw; `cause` is what it threw. */
export class HandlerError extends StateMachineError {
  declare readonly stage: HandlerStage;
  declare readonly handler: string;
  declare readonly from: string | null;
  declare readonly to: string;

  constructor(
    machine: string,
    stage: HandlerStage,
    handler: string,
    from: string | null,
    to: string,
    cause: unknown,
  ) {
    const causeText = cause instanceof Error ? cause.message : String(cause);
    super(
      `${machine}: ${stage} handler '${handler}' failed on ${stepText(from, to)}: ${causeText}`,
      { machine, cause },
    );
    Object.assign(this, { stage, handler, from, to });
  }
}

export interface ContextIssue {
  readonly key: string;
  readonly message: string;
  readonly path?: readonly PropertyKey[];
}

/** The workflow context is missing values or holds invalid ones; every issue is listed. */
export class ContextValidationError extends StateMachineError {
  declare readonly issues: readonly ContextIssue[];

  constructor(machine: string, issues: readonly ContextIssue[]) {
    const list = issues
      .map((i) => `${[i.key, ...(i.path ?? []).map(String)].join('.')}: ${i.message}`)
      .join('; ');
    super(`${machine}: invalid workflow context: ${list}`, { machine });
    Object.assign(this, { issues });
  }
}

/** An adapter found no row for the filters. */
export class ObjectNotFound extends StateMachineError {
  declare readonly model: string;
  declare readonly filters: Readonly<Record<string, unknown>>;

  constructor(model: string, filters: Readonly<Record<string, unknown>>, machine?: string) {
    super(`${machine ? `${machine}: ` : ''}${model} not found: ${show(filters)}`, {
      machine,
    });
    Object.assign(this, { model, filters });
  }
}

/** A row's state field holds a value that no state of the machine stands for. */
export class StateValidityError extends StateMachineError {
  declare readonly model: string;
  declare readonly value: unknown;
  declare readonly id: unknown;

  constructor(
    machine: string,
    model: string,
    id: unknown,
    value: unknown,
    known: readonly unknown[],
  ) {
    super(
      `${machine}: ${model} ${show(id)} has state value ${show(value)}, which maps to no state (known: ${known.map((v) => show(v)).join(', ')})`,
      { machine },
    );
    Object.assign(this, { model, value, id });
  }
}

/**
 * The row changed under us: a compare-and-set write matched no row, or a row passed in from outside
 * the transaction no longer holds what the caller saw.
 */
export class ConcurrentTransitionError extends StateMachineError {
  declare readonly model: string;
  declare readonly id: unknown;
  declare readonly from: string | null;
  declare readonly to: string;
  /** The fields found changed, when a row passed in from outside was re-read. */
  declare readonly fields: readonly string[];

  constructor(
    machine: string,
    model: string,
    id: unknown,
    from: string | null,
    to: string,
    expected: unknown,
    detail?: { readonly message: string; readonly fields?: readonly string[] },
  ) {
    const step = stepText(from, to);
    super(
      detail
        ? `${machine}: ${model} ${show(id)} was changed concurrently (${step}): ${detail.message}`
        : `${machine}: ${model} ${show(id)} was changed concurrently; expected its state field to be ${show(expected)} for ${step}`,
      { machine },
    );
    Object.assign(this, { model, id, from, to, fields: detail?.fields ?? [] });
  }
}

export type ConflictReason =
  'serialization' | 'deadlock' | 'lock-unavailable' | 'lock-timeout' | 'duplicate-step';

const CONFLICT_TEXT: Readonly<Record<ConflictReason, string>> = {
  serialization: 'the database could not serialise this transaction with a concurrent one',
  deadlock: 'the database broke a deadlock with a concurrent transaction by aborting this one',
  'lock-unavailable': 'the row is locked by another transaction (lock: nowait)',
  'lock-timeout': 'waited too long for a lock another transaction holds',
  'duplicate-step': 'a concurrent transaction logged the same step of this entity first',
};

/**
 * The database refused this transaction because of another running at the same time: a
 * serialization failure, a deadlock, a lock it could not take (`lock: 'nowait'`) or not in time, or
 * a transition-log step another transaction wrote first. Nothing of the transaction is kept; a
 * fresh one may succeed, so `load({ retry })` runs again on it (`retryable`). `code` is the
 * database's own (SQLSTATE `40001`, `40P01`, `55P03`, MySQL `ER_LOCK_DEADLOCK`, …).
 */
export class DatabaseConflictError extends ConcurrentTransitionError {
  declare readonly reason: ConflictReason;
  declare readonly code: string | undefined;
  readonly retryable = true;

  constructor(
    reason: ConflictReason,
    options: {
      readonly model?: string | undefined;
      readonly id?: unknown;
      readonly code?: string | undefined;
      readonly machine?: string | undefined;
      readonly cause?: unknown;
    } = {},
  ) {
    const { model = '', id, code, machine, cause } = options;
    // Not yet attributed to a machine (machine undefined) nor to a step (to ''): see below.
    super(machine as string, model, id, null, '', undefined, { message: CONFLICT_TEXT[reason] });
    const what = model === '' ? '' : `${model}${id === undefined ? '' : ` ${show(id)}`}: `;
    this.message = `${machine ? `${machine}: ` : ''}${what}${CONFLICT_TEXT[reason]}${code ? ` (${code})` : ''}; a fresh transaction may succeed (load({ retry }))`;
    Object.assign(this, { reason, code }, cause !== undefined && { cause });
  }
}

/**
 * An error an adapter raised knows the model and row but not the workflow: once it reaches the
 * workflow that caused it, it is told the machine (and the step, when it came from one), and its
 * message says so.
 */
export function attributeToMachine(
  error: unknown,
  machine: string,
  step?: { readonly from: string | null; readonly to: string },
): void {
  if (!(error instanceof StateMachineError) || error.machine !== undefined) return;
  Object.assign(error, { machine, message: `${machine}: ${error.message}` });
  if (step && error instanceof DatabaseConflictError && error.to === '') Object.assign(error, step);
}

/**
 * A handle was used after the workflow left the state it stands for: every `transitionTo` returns
 * the handle of the new state, and only the newest handle may move the workflow on.
 */
export class StaleHandleError extends TransitionError {
  declare readonly current: string | null;

  constructor(machine: string, handleState: string | null, current: string | null, to: string) {
    super(machine, handleState, to, []);
    const handle = handleState === null ? 'the new workflow' : `'${handleState}'`;
    const now = current === null ? 'has not entered a state' : `is now in '${current}'`;
    this.message = `${machine}: this handle is for ${handle}; the workflow ${now} — use the handle returned by transitionTo() to go on to '${to}'`;
    Object.assign(this, { current });
  }
}

/** A row would repeat the identifier (or another unique value) of a row that exists already. */
export class UniqueViolationError extends StateMachineError {
  declare readonly model: string;
  /** The unique fields and the values that clashed, as far as the database tells. */
  declare readonly fields: Readonly<Record<string, unknown>>;

  constructor(
    model: string,
    fields: Readonly<Record<string, unknown>>,
    options: { machine?: string | undefined; cause?: unknown; detail?: string } = {},
  ) {
    const { machine, cause, detail } = options;
    const where = Object.keys(fields).length > 0 ? ` ${show(fields)}` : '';
    super(
      `${machine ? `${machine}: ` : ''}${model}${where} already exists${detail ? ` (${detail})` : ''}; a row's identifier must be unique`,
      { machine, ...(cause !== undefined && { cause }) },
    );
    Object.assign(this, { model, fields });
  }
}

/**
 * The adapter itself was called while its own transaction is running, from inside that
 * transaction (a handler using the application's adapter instead of `meta.adapter`), or waited
 * longer than it may for a transaction running on it. Waiting would never end, so it fails.
 */
export class AdapterReentryError extends StateMachineError {
  constructor(adapter: string, detail: string) {
    super(
      `${adapter}: ${detail}. Inside a workflow, use the transaction's handle (\`meta.adapter\` in a handler, the \`tx\` of adapter.transaction(tx => …)): the adapter itself waits for the running transaction to end, which it cannot do while you wait for it`,
    );
  }
}

/** An API was called with arguments it cannot work with (no adapter, no callback, a null id). */
export class UsageError extends StateMachineError {}
