import { runCli, type TextOutput } from '../../../generator/cli.js';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

interface Waiter {
  readonly from: number;
  readonly done: (text: string) => boolean;
  readonly resolve: (text: string) => void;
  readonly reject: (error: Error) => void;
}

/** What runCli wrote to one stream, with a way to wait for output still to come. */
class CapturedText implements TextOutput {
  text = '';
  readonly #waiters = new Set<Waiter>();

  write(chunk: string): boolean {
    this.text += chunk;
    for (const waiter of this.#waiters) {
      const since = this.text.slice(waiter.from);
      if (!waiter.done(since)) continue;
      this.#waiters.delete(waiter);
      waiter.resolve(since);
    }
    return true;
  }

  /** Resolves with the text written after this call once `done` accepts it. */
  waitFor(done: (text: string) => boolean): Promise<string> {
    return new Promise((resolve, reject) => {
      this.#waiters.add({ from: this.text.length, done, resolve, reject });
    });
  }

  failWaiters(error: Error): void {
    for (const waiter of this.#waiters) waiter.reject(error);
    this.#waiters.clear();
  }
}

/** Runs `smf-gen args` in `cwd` in-process, as the bin would, and collects what it prints. */
export async function runSmfGen(args: readonly string[], cwd: string): Promise<CliResult> {
  const stdout = new CapturedText();
  const stderr = new CapturedText();
  const code = await runCli(args, { cwd, stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

export interface RunningCli {
  /**
   * Resolves with what stdout received after this call once `done` accepts it; rejects if
   * runCli returns first.
   */
  waitForOutput(done: (stdout: string) => boolean): Promise<string>;
  /** runCli has returned. */
  readonly finished: boolean;
  /** Settles when runCli returns by itself or after `stop`. */
  readonly exited: Promise<CliResult>;
  /** Aborts runCli (a `--watch`); resolves as `exited` does. */
  stop(): Promise<CliResult>;
}

/** Starts `smf-gen args` (a `--watch`) in-process and leaves it running. */
export function startSmfGen(args: readonly string[], cwd: string): RunningCli {
  const stdout = new CapturedText();
  const stderr = new CapturedText();
  const controller = new AbortController();
  let finished = false;
  const exited = runCli(args, { cwd, stdout, stderr, signal: controller.signal }).then((code) => {
    finished = true;
    stdout.failWaiters(
      new Error(
        `runCli returned ${code} before the expected output:\n${stdout.text}${stderr.text}`,
      ),
    );
    return { code, stdout: stdout.text, stderr: stderr.text };
  });
  return {
    waitForOutput: (done) => stdout.waitFor(done),
    get finished() {
      return finished;
    },
    exited,
    stop: () => {
      controller.abort();
      return exited;
    },
  };
}
