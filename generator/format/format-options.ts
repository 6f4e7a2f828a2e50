import { dirname } from 'node:path';
import type * as Prettier from 'prettier';

export type FormatOptions = Prettier.Options;

// Loaded on first use: a run whose outputs are all current never resolves options.
let prettier: typeof Prettier | undefined;

/** Used when the user's project has no prettier config for the output path. */
export const DEFAULT_FORMAT_OPTIONS: FormatOptions = { singleQuote: true, printWidth: 100 };

async function resolveUncached(outputFile: string): Promise<FormatOptions> {
  prettier ??= await import('prettier');
  const withoutEditorconfig = await prettier.resolveConfig(outputFile);
  const resolved = (await prettier.resolveConfig(outputFile, { editorconfig: true })) ?? {};
  return withoutEditorconfig === null ? { ...DEFAULT_FORMAT_OPTIONS, ...resolved } : resolved;
}

const byDirectory = new Map<string, Promise<FormatOptions>>();

/**
 * The prettier options the user's own `prettier --check` would apply to the output path, so
 * committed generated files pass it. Without a prettier config, the pinned defaults (plus any
 * .editorconfig settings, as prettier's CLI would read them). Cached per folder.
 */
export function resolveFormatOptions(outputFile: string): Promise<FormatOptions> {
  const directory = dirname(outputFile);
  let options = byDirectory.get(directory);
  if (options === undefined) {
    options = resolveUncached(outputFile);
    byDirectory.set(directory, options);
  }
  return options;
}

/**
 * Forgets resolved configs, for processes that generate more than once (watch mode, `runCli`
 * called again in-process), since a prettier config may have changed in between.
 */
export async function forgetFormatOptions(): Promise<void> {
  byDirectory.clear();
  await prettier?.clearConfigCache();
}
