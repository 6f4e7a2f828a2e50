import { stripVTControlCharacters } from 'node:util';

export interface Packages {
  readonly dependencies: readonly string[];
  readonly devDependencies: readonly string[];
}

/** The packages of `npm i [-D] name…` lines (a `#` comment allowed); any other line is refused. */
export function packagesOf(texts: readonly string[]): Packages {
  const dependencies: string[] = [];
  const devDependencies: string[] = [];
  for (const line of texts.flatMap((text) => text.split('\n'))) {
    const words = (line.split('#')[0] ?? '').trim().split(/\s+/).filter(Boolean);
    if (words.length === 0) continue;
    if (words[0] !== 'npm' || words[1] !== 'i' || words.length < 3) {
      throw new Error(`not an \`npm i\` line: ${line}`);
    }
    const names = words.slice(2).filter((word) => word !== '-D');
    (words.includes('-D') ? devDependencies : dependencies).push(...names);
  }
  return { dependencies, devDependencies };
}

export interface SessionCommand {
  readonly command: string;
  /** What README shows the command printing, as `asShown` gives it. */
  readonly output: string;
}

/** A console block's commands (the `$ ` lines), each with the lines below it. */
export function commandsOf(text: string): SessionCommand[] {
  const commands: { command: string; lines: string[] }[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('$ ')) commands.push({ command: line.slice(2), lines: [] });
    else if (commands.length === 0) throw new Error(`output before any command: ${line}`);
    else commands.at(-1)?.lines.push(line);
  }
  return commands.map(({ command, lines }) => ({ command, output: asShown(lines.join('\n')) }));
}

/** Output as a reader compares it: no colours, no trailing spaces, no blank lines at the end. */
export function asShown(output: string): string {
  return stripVTControlCharacters(output)
    .split(/\r?\n/)
    .map((line) => line.trimEnd())
    .join('\n')
    .trimEnd();
}

const ILLEGAL_LINE = /^(\s*)\/\/ (.*← compile error.*)$/m;

/** The source with the line marked `← compile error` uncommented as README says: its `// ` gone. */
export function uncommentIllegalLine(source: string): string {
  const marked = source.split('\n').filter((line) => line.includes('← compile error'));
  if (marked.length !== 1 || !ILLEGAL_LINE.test(source)) {
    throw new Error('expected one commented-out line marked ← compile error');
  }
  return source.replace(ILLEGAL_LINE, '$1$2');
}
