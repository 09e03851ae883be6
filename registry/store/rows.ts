/** The rows every store reads, the same in each but for how booleans come back, and what clients get from them. */
import type { Metadata, RuleSet } from "../data-contracts.js";
import type { CompatibilityLevel, SchemaReference } from "../model.js";
import type { NewSchema, StoredConfig, StoredSchema, SubjectSnapshot, SubjectVersion } from "./types.js";

/**
 * The bounds `[from, to)` of the fingerprints starting with `prefix`, for an indexed range scan in
 * code-point order (a LIKE would not use the index everywhere). Fingerprints are ASCII below "~".
 */
export function prefixRange(prefix: string): [string, string] {
  return [prefix, `${prefix}~`];
}

/** A boolean column: SQLite returns 0 or 1, PostgreSQL a boolean. */
export type Flag = boolean | 0 | 1;

export interface SchemaRow {
  context: string;
  id: number;
  fingerprint: string;
  schema: string;
  references_json: string;
  /** NULL when the schema has none. */
  metadata_json: string | null;
  rule_set_json: string | null;
}

/** The columns of SchemaRow, for SELECTs (prefixed with a table alias where joined). */
export function schemaColumns(alias = ""): string {
  return ["context", "id", "fingerprint", "schema", "references_json", "metadata_json", "rule_set_json"]
    .map((column) => `${alias}${column}`)
    .join(", ");
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
  /** The other fields of StoredConfig as one JSON object. */
  contract_json: string | null;
}

export function toStoredSchema(row: SchemaRow): StoredSchema {
  return {
    context: row.context,
    id: row.id,
    schemaType: "JSON",
    schema: row.schema,
    references: JSON.parse(row.references_json) as SchemaReference[],
    fingerprint: row.fingerprint,
    ...(row.metadata_json === null ? {} : { metadata: JSON.parse(row.metadata_json) as Metadata }),
    ...(row.rule_set_json === null ? {} : { ruleSet: JSON.parse(row.rule_set_json) as RuleSet }),
  };
}

/** The JSON columns of a new schema: its metadata and rule set, NULL when it has none. */
export function contractColumns(schema: NewSchema): [string | null, string | null] {
  return [
    schema.metadata === undefined ? null : JSON.stringify(schema.metadata),
    schema.ruleSet === undefined ? null : JSON.stringify(schema.ruleSet),
  ];
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
  return row.contract_json === null
    ? config
    : { ...(JSON.parse(row.contract_json) as StoredConfig), ...config };
}

/** What a config row stores in its columns: the level, normalize, and the rest as JSON. */
export function configColumns(config: StoredConfig): [string | null, boolean | null, string | null] {
  const { compatibility, normalize, ...rest } = config;
  return [
    compatibility ?? null,
    normalize ?? null,
    Object.keys(rest).length === 0 ? null : JSON.stringify(rest),
  ];
}

/** A subject's state from its versions (oldest first): what registrations check and compare. */
export function snapshotOf(rows: readonly { version: number; deleted: Flag }[]): SubjectSnapshot {
  return {
    maxVersion: rows.at(-1)?.version ?? 0,
    live: rows.filter((row) => !row.deleted).map((row) => row.version),
  };
}
