/**
 * The candidate a misspelt name most likely meant, or undefined when none is close enough.
 * Same idea as TypeScript's "Did you mean": a case-insensitive match wins, otherwise the smallest
 * edit distance under a bound that grows with the name's length.
 */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  const maximumDistance = Math.floor(name.length * 0.4) + 1;
  let best: string | undefined;
  let bestDistance = maximumDistance;
  for (const candidate of candidates) {
    if (candidate === name) continue;
    if (candidate.toLowerCase() === name.toLowerCase()) return candidate;
    if (Math.abs(candidate.length - name.length) >= bestDistance) continue;
    const distance = editDistance(name, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** `did you mean 'X'?` when a candidate is close, else `fallback`. */
export function didYouMean(
  name: string,
  candidates: Iterable<string>,
  fallback?: string,
): string | undefined {
  const suggestion = closestName(name, candidates);
  return suggestion === undefined ? fallback : `did you mean '${suggestion}'?`;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
