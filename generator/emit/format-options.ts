import * as prettier from 'prettier';

export type FormatOptions = prettier.Options;

/** Used when the user's project has no prettier config for the output path. */
export const DEFAULT_FORMAT_OPTIONS: FormatOptions = { singleQuote: true, printWidth: 100 };

/**
 * The prettier options the user's own `prettier --check` would apply to the output path, so
 * committed generated files pass it. Without a prettier config, the pinned defaults (plus any
 * .editorconfig settings, as prettier's CLI would read them).
 */
export async function resolveFormatOptions(outputFile: string): Promise<FormatOptions> {
  const configFile = await prettier.resolveConfigFile(outputFile);
  const resolved = (await prettier.resolveConfig(outputFile, { editorconfig: true })) ?? {};
  return configFile === null ? { ...DEFAULT_FORMAT_OPTIONS, ...resolved } : resolved;
}

/** Forgets cached config files, for long-running processes (watch mode) whose configs may change. */
export async function forgetFormatOptions(): Promise<void> {
  await prettier.clearConfigCache();
}
