const MAGIC = /[*?[{]/;

export function isGlob(pattern: string): boolean {
  return MAGIC.test(pattern);
}

/**
 * Splits a `/`-separated glob into its leading folders without wildcards (where walking starts)
 * and the rest, which is matched against paths relative to that base.
 */
export function splitGlob(pattern: string): { readonly base: string; readonly rest: string } {
  const segments = pattern.split('/');
  const firstMagic = segments.findIndex((segment) => isGlob(segment));
  const cut = firstMagic === -1 ? segments.length : firstMagic;
  const base = segments.slice(0, cut).join('/');
  return {
    base: base === '' ? (pattern.startsWith('/') ? '/' : '.') : base,
    rest: segments.slice(cut).join('/'),
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+^$()|\\\]]/g, '\\$&');
}

/**
 * A matcher for `/`-separated paths relative to the glob's base: `**` spans folders, `*` and `?`
 * stay within one, `{a,b}` and `[abc]` as in a shell.
 */
export function globToRegExp(relativePattern: string): RegExp {
  let source = '';
  let braceDepth = 0;
  for (let index = 0; index < relativePattern.length; index += 1) {
    const char = relativePattern[index]!;
    const rest = relativePattern.slice(index);
    if (rest.startsWith('**/')) {
      source += '(?:.*/)?';
      index += 2;
    } else if (rest.startsWith('**')) {
      source += '.*';
      index += 1;
    } else if (char === '*') {
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else if (char === '[') {
      const close = relativePattern.indexOf(']', index + 1);
      if (close === -1) {
        source += '\\[';
      } else {
        const body = relativePattern
          .slice(index + 1, close)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\');
        source += `[${body}]`;
        index = close;
      }
    } else if (char === '{') {
      braceDepth += 1;
      source += '(?:';
    } else if (char === '}' && braceDepth > 0) {
      braceDepth -= 1;
      source += ')';
    } else if (char === ',' && braceDepth > 0) {
      source += '|';
    } else {
      source += escapeRegExp(char);
    }
  }
  return new RegExp(`^${source}$`);
}
