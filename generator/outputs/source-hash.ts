import { createHash } from 'node:crypto';

/** A local module a definition imports: its path from the definition's folder, and its text. */
export interface LocalModuleText {
  /** Relative to the definition's folder, with `/` separators, so the hash is the same anywhere. */
  readonly path: string;
  readonly text: string;
}

/**
 * The hash a generated header records: the first 16 hex digits of the sha256 of the definition's
 * text followed by each local module it imports (path, then text). Without local modules it is the
 * hash of the definition's text alone.
 */
export function sourceHash(
  definitionText: string,
  localModules: readonly LocalModuleText[] = [],
): string {
  const hash = createHash('sha256').update(definitionText);
  for (const module of localModules) hash.update(`\0${module.path}\0`).update(module.text);
  return `sha256:${hash.digest('hex').slice(0, 16)}`;
}
