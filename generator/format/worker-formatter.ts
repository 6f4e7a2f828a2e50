import { Worker } from 'node:worker_threads';
import type { FormatRequest, FormatResponse } from './format-worker.js';
import { createInProcessFormatter, type Formatter } from './formatter.js';

interface Pending {
  readonly resolve: (text: string) => void;
  readonly reject: (error: Error) => void;
}

/**
 * Prettier in a worker thread, so formatting runs while the main thread is busy with ts-morph
 * (the two dominate a cold run). Running from TypeScript sources (tests), where the worker
 * module has no `.js` file, it formats in-process instead.
 */
export function createFormatter(): Formatter {
  if (import.meta.url.endsWith('.ts')) return createInProcessFormatter();

  const worker = new Worker(new URL('./format-worker.js', import.meta.url));
  const pending = new Map<number, Pending>();
  let nextId = 0;
  const failAll = (error: Error) => {
    for (const request of pending.values()) request.reject(error);
    pending.clear();
  };
  worker.on('message', (response: FormatResponse) => {
    const request = pending.get(response.id);
    pending.delete(response.id);
    if ('error' in response) request?.reject(new Error(response.error));
    else request?.resolve(response.text);
  });
  worker.on('error', failAll);
  worker.on('exit', () => failAll(new Error('the formatting thread stopped')));

  return {
    format(text, outputFile) {
      const id = nextId++;
      return new Promise<string>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        // worker_threads' postMessage has no target origin (the rule is about window.postMessage)
        // oxlint-disable-next-line unicorn/require-post-message-target-origin
        worker.postMessage({ id, text, outputFile } satisfies FormatRequest);
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}
