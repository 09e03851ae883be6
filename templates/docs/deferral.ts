/**
 * Which versions of a subject keep their details (fields, raw schema, example) and their change
 * sections in the subject's page. A real payload schema (40 KB, hundreds of fields) in six versions would make one page of
 * many megabytes; so a version's details stay in the page only while they are small, up to
 * DEFER_BYTES each and INLINE_BUDGET for all versions together, newest first. The others get a
 * page of their own (both the HTML site and Markdown), which the subject's page links.
 */

export const DEFER_BYTES = 64 * 1024;
export const INLINE_BUDGET = 256 * 1024;

/**
 * What one page may hold of each large part, so that no page reaches 1 MB however large the
 * schema (CycloneDX 1.7 is 300 KB of JSON, 2,000 field rows and hundreds of findings per version):
 * a field table stops at FIELD_TABLE_BYTES, a change section lists findings up to FINDINGS_BYTES,
 * and a raw schema over RAW_SCHEMA_BYTES is a file of its own that the page links.
 */
export const FIELD_TABLE_BYTES = 384 * 1024;
export const FINDINGS_BYTES = 224 * 1024;
export const RAW_SCHEMA_BYTES = 192 * 1024;

export interface InlineBudget {
  /** Largest part kept inline. */
  readonly each: number;
  /** All inline parts together. */
  readonly total: number;
}

/** `sizes` in version order (oldest first); returns the versions kept inline. */
export function inlinedVersions<V>(
  sizes: ReadonlyMap<V, number>,
  budget: InlineBudget = { each: DEFER_BYTES, total: INLINE_BUDGET },
): Set<V> {
  const kept = new Set<V>();
  let spent = 0;
  for (const [version, size] of [...sizes].reverse()) {
    if (size > budget.each || spent + size > budget.total) continue;
    kept.add(version);
    spent += size;
  }
  return kept;
}
