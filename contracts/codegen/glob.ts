/**
 * Subject patterns: `*` matches any run of characters (including none), `?` exactly one, anything
 * else itself. Subject names may hold dots and slashes (`com.acme.orders-value`), so neither is
 * special, unlike in file globs.
 */

export function globToRegExp(pattern: string): RegExp {
  let source = "";
  for (const ch of pattern) {
    if (ch === "*") source += ".*";
    else if (ch === "?") source += ".";
    else source += ch.replace(/[\\^$.|+(){}[\]]/g, "\\$&");
  }
  return new RegExp(`^${source}$`, "su");
}

export interface SelectResult<T> {
  /** Items matched by at least one pattern, in their original order. */
  readonly selected: readonly T[];
  /** Patterns that matched nothing (usually a typo worth stopping for). */
  readonly unmatched: readonly string[];
}

/** Items whose name matches any of the patterns. */
export function selectByPatterns<T>(
  items: readonly T[],
  nameOf: (item: T) => string,
  patterns: readonly string[],
): SelectResult<T> {
  const compiled = patterns.map((pattern) => ({ pattern, regexp: globToRegExp(pattern), hits: 0 }));
  const selected = items.filter((item) => {
    const name = nameOf(item);
    let matched = false;
    for (const entry of compiled) {
      if (entry.regexp.test(name)) {
        entry.hits++;
        matched = true;
      }
    }
    return matched;
  });
  return { selected, unmatched: compiled.filter((entry) => entry.hits === 0).map((entry) => entry.pattern) };
}
