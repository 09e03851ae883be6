import type { VersionDoc } from "../../contracts/docs/types.js";

/**
 * Which versions of a subject keep their details (fields, raw schema, example) and their change
 * sections in the subject's page. A real payload schema (40 KB, hundreds of fields) in six
 * versions would make one page of many megabytes; so each part stays in the page only while it is
 * small, up to DEFER_BYTES each and INLINE_BUDGET for all versions together, newest first. The
 * others go to a page of their own (both the HTML site and Markdown), which the subject's page
 * links.
 */

export const DEFER_BYTES = 64 * 1024;
export const INLINE_BUDGET = 256 * 1024;

/**
 * What one page may hold of each large part, so that no page reaches 1 MB however large the
 * schema (CycloneDX 1.7 is 300 KB of JSON, 2,000 field rows and hundreds of findings per version):
 * a field table stops at FIELD_TABLE_BYTES, a change section lists findings up to FINDINGS_BYTES,
 * and a raw schema over RAW_SCHEMA_BYTES is a file of its own that the page links.
 */
export const FIELD_TABLE_BYTES = 320 * 1024;
export const FINDINGS_BYTES = 192 * 1024;
/** The list of field-level edits in a change section (added, removed, changed fields). */
export const FIELD_CHANGES_BYTES = 96 * 1024;
/** Of schema text: escaped for HTML it grows by up to about half again. */
export const RAW_SCHEMA_BYTES = 128 * 1024;

/** Whether a version's raw schema is a file of its own rather than part of its page. */
export function rawSchemaSeparate(version: VersionDoc): boolean {
  return version.text.length > RAW_SCHEMA_BYTES;
}

/** That file's name, beside the version's own page (`v3.schema.json`, `v3.schema.yaml`). */
export function rawSchemaFileName(version: VersionDoc): string {
  const extension = /\.(json|ya?ml)$/i.exec(version.file)?.[0] ?? ".json";
  return `v${version.version}.schema${extension.toLowerCase()}`;
}

/**
 * The items (findings, field edits, rows) that fit in `budget` bytes once rendered, in order, and
 * how many did not fit: a page lists the first and counts the rest.
 */
export function withinBudget<T, R>(
  items: readonly T[],
  budget: number,
  render: (item: T, index: number) => R,
  size: (rendered: R) => number,
): { readonly shown: R[]; readonly rest: number } {
  const shown: R[] = [];
  let bytes = 0;
  for (const [index, item] of items.entries()) {
    if (bytes > budget) break;
    const rendered = render(item, index);
    bytes += size(rendered);
    shown.push(rendered);
  }
  return { shown, rest: items.length - shown.length };
}

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
