/** `line:column` (1-based) of an offset in a text. */
export function lineColumnAt(text: string, offset: number): string {
  const lines = text.slice(0, Math.max(0, Math.min(offset, text.length))).split('\n');
  return `${lines.length}:${(lines.at(-1)?.length ?? 0) + 1}`;
}

/**
 * Where JSON.parse gave up, from the position its message names ("… at position 42"); the end of
 * the text for "Unexpected end of JSON input".
 */
export function jsonErrorOffset(text: string, message: string): number {
  const position = /at position (\d+)/.exec(message)?.[1];
  return position === undefined ? text.length : Number(position);
}

/** The offset of the quote closing the JSON string that opens at `start`. */
function stringEnd(text: string, start: number): number {
  for (let index = start + 1; index < text.length; index += 1) {
    if (text[index] === '\\') index += 1;
    else if (text[index] === '"') return index;
  }
  return text.length;
}

const COLON = /\s*:/y;

/**
 * The offset of property `key` of the JSON object that opens at `objectStart` (its `{`), not of
 * a property of the same name nested deeper; undefined when it has none. `text` is valid JSON.
 */
export function propertyOffset(text: string, key: string, objectStart: number): number | undefined {
  let depth = 0;
  for (let index = objectStart; index < text.length; index += 1) {
    const character = text[index];
    if (character === '"') {
      const end = stringEnd(text, index);
      COLON.lastIndex = end + 1;
      if (depth === 1 && COLON.test(text) && JSON.parse(text.slice(index, end + 1)) === key) {
        return index;
      }
      index = end;
    } else if (character === '{' || character === '[') {
      depth += 1;
    } else if (character === '}' || character === ']') {
      depth -= 1;
      if (depth === 0) return undefined;
    }
  }
  return undefined;
}

/** The offset where the value of the property at `keyOffset` starts. */
export function valueOffset(text: string, keyOffset: number): number {
  COLON.lastIndex = stringEnd(text, keyOffset) + 1;
  COLON.test(text);
  const afterColon = COLON.lastIndex;
  return afterColon + (/\S/.exec(text.slice(afterColon))?.index ?? 0);
}
