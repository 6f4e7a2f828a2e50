/**
 * Runs async jobs one at a time, in call order, like `SerialQueue`, but starts a job at once when
 * nothing is running: the common case of one workflow after another pays no extra ticks.
 */
export class TurnQueue {
  #busy = false;
  readonly #waiting: (() => void)[] = [];

  run<R>(job: () => Promise<R>): Promise<R> {
    if (!this.#busy) return this.#start(job);
    return new Promise<void>((resolve) => this.#waiting.push(resolve)).then(() => this.#start(job));
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
    if (next) next();
    else this.#busy = false;
  };
}
