import { readFileSync } from 'node:fs';

export interface ReadmeBlock {
  /** The HTML comment right above the block, e.g. `file: examples/order/tour.ts`. */
  readonly tag: string;
  readonly language: string;
  readonly text: string;
  readonly line: number;
}

/** Every fenced code block of a markdown file, with the `<!-- tag -->` comment right above it. */
export function readmeBlocks(path: string): ReadmeBlock[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const blocks: ReadmeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const fence = /^```(\w*)$/.exec(lines[i] ?? '');
    if (!fence) continue;
    const end = lines.findIndex((line, j) => j > i && line === '```');
    const tag = /^<!-- (.*) -->$/.exec(lines[i - 1] ?? '')?.[1] ?? '';
    blocks.push({
      tag,
      language: fence[1] ?? '',
      text: lines.slice(i + 1, end).join('\n'),
      line: i + 1,
    });
    i = end;
  }
  return blocks;
}

/** The rows of the markdown table right below `<!-- tag -->`. */
export function readmeTable(path: string, tag: string): string[][] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const start = lines.indexOf(`<!-- ${tag} -->`);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 3)) {
    if (!line.startsWith('|')) break;
    rows.push(line.split(' | ').map((cell) => cell.replace(/^\| |\|$/g, '').trim()));
  }
  return rows;
}
