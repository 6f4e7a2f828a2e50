import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { DEFINITION_PATTERN } from './discover/discover-definitions.js';
import { isGlob, splitGlob } from './discover/glob-pattern.js';
import type { GenerateReport } from './run/generate-report.js';
import { generate, type GenerateOptions } from './run.js';
import { TreeWatcher } from './watch-tree.js';

const GENERATED_OUTPUT = /\.gen\.(ts|mmd|dot)$|\.tmp$/;
const SETTLE_MS = 50;

async function watchRoots(cwd: string, paths: readonly string[]): Promise<string[]> {
  const roots = new Set<string>();
  for (const argument of paths.length === 0 ? ['.'] : paths) {
    if (isGlob(argument)) {
      roots.add(resolve(cwd, splitGlob(argument).base));
      continue;
    }
    const path = resolve(cwd, argument);
    const isDirectory = await stat(path).then(
      (info) => info.isDirectory(),
      () => false,
    );
    roots.add(isDirectory ? path : dirname(path));
  }
  return [...roots];
}

export interface WatchCallbacks {
  readonly onReport: (report: GenerateReport) => void;
  /** A run failed as a whole (e.g. an unreadable tsconfig); the watcher keeps going. */
  readonly onFailure: (error: unknown) => void;
}

/**
 * Generates, then regenerates whenever a file below the watched folders changes. A change to a
 * definition only regenerates what changed (the header stamp skips the rest); a change to any
 * other file regenerates everything: the stamp covers the local modules a definition imports,
 * but not tsconfig, prettier config or packages. Runs until `signal` aborts; resolves once the watchers are closed
 * and a generation under way has finished, so nothing writes after it.
 */
export async function watchAndGenerate(
  options: GenerateOptions,
  callbacks: WatchCallbacks,
  signal: AbortSignal,
): Promise<void> {
  const changed = new Set<string>();
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;

  const cycle = async (force: boolean): Promise<void> => {
    try {
      const { forgetFormatOptions } = await import('./format/format-options.js');
      await forgetFormatOptions();
      callbacks.onReport(await generate({ ...options, force: options.force || force }));
    } catch (error) {
      callbacks.onFailure(error);
    }
    if (signal.aborted) return;
    await watcher.refresh();
    if (changed.size > 0) schedule();
  };

  const start = (force: boolean): Promise<void> => {
    running = cycle(force).finally(() => {
      running = undefined;
    });
    return running;
  };

  const schedule = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      if (running !== undefined || signal.aborted) return;
      const paths = [...changed];
      changed.clear();
      void start(paths.some((path) => !DEFINITION_PATTERN.test(path)));
    }, SETTLE_MS);
  };

  const watcher = new TreeWatcher(await watchRoots(options.cwd, options.paths ?? []), (path) => {
    if (GENERATED_OUTPUT.test(path) || /[\\/](node_modules|\.git)[\\/]/.test(path)) return;
    changed.add(path);
    schedule();
  });
  await watcher.refresh();
  await start(false);
  await aborted(signal);
  if (timer !== undefined) clearTimeout(timer);
  watcher.close();
  await running;
}

function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((done) => {
    if (signal.aborted) done();
    else signal.addEventListener('abort', () => done(), { once: true });
  });
}
