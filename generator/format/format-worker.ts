import { availableParallelism } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { formatTypeScript } from './format-typescript.js';
import { warmUpPrettier } from './warm-up.js';

export interface FormatRequest {
  readonly id: number;
  readonly text: string;
  readonly outputFile: string;
}

export type FormatResponse =
  { readonly id: number; readonly text: string } | { readonly id: number; readonly error: string };

function reply(response: FormatResponse): void {
  // worker_threads' postMessage has no target origin (the lint rule is about window.postMessage)
  // oxlint-disable-next-line unicorn/require-post-message-target-origin
  parentPort?.postMessage(response);
}

let requested = false;

// Loading prettier starts as soon as the thread does, while the main thread loads ts-morph.
parentPort?.on('message', (request: FormatRequest) => {
  requested = true;
  formatTypeScript(request.text, request.outputFile).then(
    (text) => reply({ id: request.id, text }),
    (error: unknown) =>
      reply({ id: request.id, error: error instanceof Error ? error.message : String(error) }),
  );
});

// On a single core the warm-up would only delay the main thread.
if (availableParallelism() > 1) void warmUpPrettier(() => requested);
