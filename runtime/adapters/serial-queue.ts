/**
 * How long a queued job may wait while one and the same job keeps running, and the error it then
 * fails with (given how long it waited and how long the running job has been running).
 */
export interface WaitLimit {
  readonly ms: number;
  readonly error: (waitedMs: number, heldMs: number) => Error;
}

interface Waiter {
  readonly queuedAt: number;
  readonly start: () => void;
  readonly fail: (error: Error) => void;
  next: Waiter | undefined;
}

/**
 * Runs async jobs one at a time, in the order they were queued; a job queued while none runs
 * starts at once. With a wait limit, a queued job that has waited `ms` while the same job kept
 * running fails instead of starting: each hand-over restarts the count, so a long line of short
 * jobs never fails, while a job that never ends (or waits for one queued behind it) cannot hold
 * the others forever. Only one timer runs, and only while jobs wait.
 */
export class SerialQueue {
  readonly #limit: WaitLimit | undefined;
  #busy = false;
  #runningSince = 0;
  #head: Waiter | undefined;
  #tail: Waiter | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(limit?: WaitLimit) {
    this.#limit = limit;
  }

  /** Whether a job holds the queue (or has just been handed it): a job run now would wait. */
  get busy(): boolean {
    return this.#busy;
  }

  async run<R>(job: () => R | Promise<R>): Promise<R> {
    if (this.#busy) await this.#wait();
    else this.#begin();
    try {
      return await job();
    } finally {
      this.#handOver();
    }
  }

  #begin(): void {
    this.#busy = true;
    if (this.#limit) this.#runningSince = Date.now();
  }

  #wait(): Promise<void> {
    return new Promise((start, fail) => {
      const waiter: Waiter = {
        queuedAt: this.#limit ? Date.now() : 0,
        start,
        fail,
        next: undefined,
      };
      if (this.#tail) this.#tail.next = waiter;
      else this.#head = waiter;
      this.#tail = waiter;
      if (this.#limit && this.#timer === undefined) this.#arm(this.#limit.ms);
    });
  }

  #shift(): Waiter | undefined {
    const waiter = this.#head;
    if (waiter) {
      this.#head = waiter.next;
      if (!this.#head) this.#tail = undefined;
    }
    return waiter;
  }

  #handOver(): void {
    const waiter = this.#shift();
    if (!waiter) {
      this.#busy = false;
      this.#disarm();
      return;
    }
    if (!this.#head) this.#disarm();
    if (this.#limit) this.#runningSince = Date.now();
    waiter.start();
  }

  #arm(delayMs: number): void {
    this.#timer = setTimeout(() => this.#expire(), Math.max(1, delayMs));
  }

  #disarm(): void {
    if (this.#timer === undefined) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Fails the waiters whose limit has passed (a prefix of the line), then waits for the next. */
  #expire(): void {
    this.#timer = undefined;
    const limit = this.#limit;
    if (!limit) return;
    const now = Date.now();
    for (let waiter = this.#head; waiter; waiter = this.#head) {
      const deadline = Math.max(waiter.queuedAt, this.#runningSince) + limit.ms;
      if (deadline > now) {
        this.#arm(deadline - now);
        return;
      }
      this.#shift();
      waiter.fail(limit.error(now - waiter.queuedAt, now - this.#runningSince));
    }
  }
}
