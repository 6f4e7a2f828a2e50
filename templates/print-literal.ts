import type { LiteralView } from './literal-view.js';

/**
 * Prints a literal tree. Objects down to `expandDepth` get one property per line, because prettier
 * keeps an object expanded when its source has a newline after `{` (one state per line diffs well).
 */
export function printLiteral(value: LiteralView, expandDepth = 0, depth = 0): string {
  switch (value.kind) {
    case 'code':
      return value.code;
    case 'array':
      return `[${value.items.map((item) => printLiteral(item, expandDepth, depth + 1)).join(', ')}]`;
    case 'object': {
      if (value.properties.length === 0) return '{}';
      const properties = value.properties.map(
        (entry) => `${entry.key}: ${printLiteral(entry.value, expandDepth, depth + 1)}`,
      );
      if (depth >= expandDepth) return `{ ${properties.join(', ')} }`;
      const indent = '  '.repeat(depth + 1);
      return `{\n${properties.map((line) => `${indent}${line},`).join('\n')}\n${'  '.repeat(depth)}}`;
    }
  }
}
