/** The rows every store reads, the same in each but for how booleans come back, and what clients get from them. */
import type { CompatibilityLevel, SchemaReference } from "../model.js";
import type { StoredConfig, StoredSchema, SubjectSnapshot, SubjectVersion } from "./types.js";

/** A boolean column: SQLite returns 0 or 1, PostgreSQL a boolean. */
export type Flag = boolean | 0 | 1;

export interface SchemaRow {
  id: number;
  fingerprint: string;
  schema: string;
  references_json: string;
}

/** A subject version joined with its schema. */
export interface VersionRow extends SchemaRow {
  subject: string;
  version: number;
  deleted: Flag;
}

export interface ConfigRow {
  compatibility: string | null;
  normalize: Flag | null;
}

export function toStoredSchema(row: SchemaRow): StoredSchema {
  return {
    id: row.id,
    schemaType: "JSON",
    schema: row.schema,
    references: JSON.parse(row.references_json) as SchemaReference[],
    fingerprint: row.fingerprint,
  };
}

export function toSubjectVersion(row: VersionRow): SubjectVersion {
  return {
    subject: row.subject,
    version: row.version,
    deleted: Boolean(row.deleted),
    schema: toStoredSchema(row),
  };
}

/** Only what the scope sets; unset fields fall back to the global scope, then the defaults. */
export function toConfig(row: ConfigRow): StoredConfig {
  const config: { compatibility?: CompatibilityLevel; normalize?: boolean } = {};
  if (row.compatibility !== null) config.compatibility = row.compatibility as CompatibilityLevel;
  if (row.normalize !== null) config.normalize = Boolean(row.normalize);
  return config;
}

/** A subject's state from its versions (oldest first): what registrations check and compare. */
export function snapshotOf(rows: readonly { version: number; deleted: Flag }[]): SubjectSnapshot {
  return {
    maxVersion: rows.at(-1)?.version ?? 0,
    live: rows.filter((row) => !row.deleted).map((row) => row.version),
  };
}
