import { parentPort } from 'node:worker_threads';
import { formatTypeScript } from './format-typescript.js';

export interface FormatRequest {
  readonly id: number;
  readonly text: string;
  readonly outputFile: string;
}

export type FormatResponse =
  { readonly id: number; readonly text: string } | { readonly id: number; readonly error: string };

// Loading prettier starts as soon as the thread does, while the main thread loads ts-morph.
parentPort?.on('message', (request: FormatRequest) => {
  formatTypeScript(request.text, request.outputFile).then(
    (text) => parentPort?.postMessage({ id: request.id, text } satisfies FormatResponse),
    (error: unknown) =>
      parentPort?.postMessage({
        id: request.id,
        error: error instanceof Error ? error.message : String(error),
      } satisfies FormatResponse),
  );
});
