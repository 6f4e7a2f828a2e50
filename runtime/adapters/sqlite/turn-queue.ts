interface Waiter {
  readonly start: () => void;
  readonly fail: (error: unknown) => void;
  readonly joined: number;
  readonly limit: number;
  readonly timedOut: (waitedMs: number) => Error;
}

/**
 * Runs async jobs one at a time, in call order, starting a job at once when nothing is running
 * (the common case of one workflow after another pays no extra ticks). A waiting job gives up
 * after `limit` ms in which the turn it waits behind did not change hands, since that turn may
 * be waiting for the waiter itself (an adapter called from inside its own transaction).
 */
export class TurnQueue {
  #busy = false;
  /** When the running job got the turn from a waiter; 0 when it started with nobody waiting. */
  #turnStarted = 0;
  readonly #waiting: Waiter[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;

  run<R>(job: () => Promise<R>, limit: number, timedOut: (waitedMs: number) => Error): Promise<R> {
    if (!this.#busy) return this.#start(job);
    return new Promise<void>((start, fail) => {
      this.#waiting.push({ start, fail, joined: Date.now(), limit, timedOut });
      if (this.#timer === undefined) this.#schedule();
    }).then(() => this.#start(job));
  }

  #start<R>(job: () => Promise<R>): Promise<R> {
    this.#busy = true;
    let running: Promise<R>;
    try {
      running = job();
    } catch (error) {
      running = Promise.reject(error);
    }
    running.then(this.#next, this.#next);
    return running;
  }

  /** Hands the turn straight to the next job, so a call made meanwhile queues behind it. */
  readonly #next = (): void => {
    const next = this.#waiting.shift();
    if (!next) {
      this.#busy = false;
      this.#turnStarted = 0;
      return;
    }
    this.#turnStarted = Date.now();
    this.#schedule();
    next.start();
  };

  /** Arms one timer, for the head's deadline: later waiters joined later. */
  #schedule(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    const head = this.#waiting[0];
    if (!head) return;
    const deadline = Math.max(this.#turnStarted, head.joined) + head.limit;
    this.#timer = setTimeout(this.#expire, Math.max(0, deadline - Date.now()));
  }

  readonly #expire = (): void => {
    this.#timer = undefined;
    const now = Date.now();
    for (let index = 0; index < this.#waiting.length;) {
      const waiter = this.#waiting[index] as Waiter;
      const since = Math.max(this.#turnStarted, waiter.joined);
      if (now - since < waiter.limit) {
        index++;
        continue;
      }
      this.#waiting.splice(index, 1);
      waiter.fail(waiter.timedOut(now - waiter.joined));
    }
    this.#schedule();
  };
}
