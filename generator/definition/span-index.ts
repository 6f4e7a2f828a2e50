import type { SourceSpan } from '../diagnostics/diagnostic.js';
import type { PathSpans, RawPath, SpanIndex } from './parse-result.js';

export function pathKey(path: RawPath): string {
  return JSON.stringify(path);
}

/** The spans of the deepest path in the index that is `path` or one of its ancestors. */
export function nearestSpans(spans: SpanIndex, path: RawPath): PathSpans | undefined {
  for (let length = path.length; length >= 0; length -= 1) {
    const found = spans.get(pathKey(path.slice(0, length)));
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Where the value at `path` (or its nearest written ancestor) is. */
export function valueSpanAt(spans: SpanIndex, path: RawPath): SourceSpan | undefined {
  return nearestSpans(spans, path)?.value;
}

/** Where the property name of `path` is written, falling back to its value. */
export function keySpanAt(spans: SpanIndex, path: RawPath): SourceSpan | undefined {
  const found = nearestSpans(spans, path);
  return found?.key ?? found?.value;
}
