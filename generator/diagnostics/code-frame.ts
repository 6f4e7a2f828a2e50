const IDENTIFIER_CHAR = /[A-Za-z0-9_$]/;
const QUOTES = new Set(["'", '"', '`']);

/** How much of the line a diagnostic at `index` points at: a string literal, a word, or one char. */
function tokenLength(line: string, index: number): number {
  const first = line[index];
  if (first === undefined) return 1;
  if (QUOTES.has(first)) {
    for (let end = index + 1; end < line.length; end += 1) {
      if (line[end] === '\\') end += 1;
      else if (line[end] === first) return end - index + 1;
    }
    return line.length - index;
  }
  let end = index;
  while (end < line.length && IDENTIFIER_CHAR.test(line[end]!)) end += 1;
  return Math.max(1, end - index);
}

/**
 * The source line of a 1-based position with a `^~~~` underline below the token there, led by
 * the line number: `12     Pending: { to: ['Procesing'] },`.
 */
export function codeFrame(sourceText: string, line: number, column: number): string | undefined {
  const sourceLine = sourceText.split(/\r?\n/)[line - 1];
  if (sourceLine === undefined) return undefined;
  const index = Math.min(Math.max(column - 1, 0), sourceLine.length);
  const gutter = `${line} `;
  const lead = sourceLine.slice(0, index).replace(/[^\t]/g, ' ');
  const length = tokenLength(sourceLine, index);
  return [
    `${gutter}${sourceLine}`,
    `${' '.repeat(gutter.length)}${lead}^${'~'.repeat(length - 1)}`,
  ].join('\n');
}
