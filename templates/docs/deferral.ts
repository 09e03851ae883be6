/**
 * Which versions of a subject keep their details (fields, raw schema, example) in the subject's
 * page. A real payload schema (40 KB, hundreds of fields) in six versions would make one page of
 * many megabytes; so a version's details stay in the page only while they are small, up to
 * DEFER_BYTES each and INLINE_BUDGET for all versions together, newest first. The others get a
 * page of their own (both the HTML site and Markdown), which the subject's page links.
 */

export const DEFER_BYTES = 64 * 1024;
export const INLINE_BUDGET = 256 * 1024;

/** `sizes` in version order (oldest first); returns the versions kept inline. */
export function inlinedVersions<V>(sizes: ReadonlyMap<V, number>): Set<V> {
  const kept = new Set<V>();
  let spent = 0;
  for (const [version, size] of [...sizes].reverse()) {
    if (size > DEFER_BYTES || spent + size > INLINE_BUDGET) continue;
    kept.add(version);
    spent += size;
  }
  return kept;
}
