import { createHash } from 'node:crypto';

/** The hash a generated header records: the first 16 hex digits of the sha256 of the source text. */
export function sourceHash(sourceText: string): string {
  return `sha256:${createHash('sha256').update(sourceText).digest('hex').slice(0, 16)}`;
}
