import { dirname } from 'node:path';
import * as prettier from 'prettier';

export type FormatOptions = prettier.Options;

/** Used when the user's project has no prettier config for the output path. */
export const DEFAULT_FORMAT_OPTIONS: FormatOptions = { singleQuote: true, printWidth: 100 };

async function resolveUncached(outputFile: string): Promise<FormatOptions> {
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

/** Forgets resolved configs, for long-running processes (watch mode) whose configs may change. */
export async function forgetFormatOptions(): Promise<void> {
  byDirectory.clear();
  await prettier.clearConfigCache();
}
