/** Runs async jobs one at a time, in the order they were queued. */
export class SerialQueue {
  #tail: Promise<void> = Promise.resolve();

  async run<R>(job: () => Promise<R>): Promise<R> {
    const previous = this.#tail;
    let release!: () => void;
    this.#tail = new Promise((resolve) => (release = resolve));
    await previous;
    try {
      return await job();
    } finally {
      release();
    }
  }
}
