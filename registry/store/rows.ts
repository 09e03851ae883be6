/** The `schemas` table's row, the same in every store, and what clients get from it. */
import type { SchemaReference } from "../model.js";
import type { StoredSchema } from "./types.js";

export interface SchemaRow {
  id: number;
  fingerprint: string;
  schema: string;
  references_json: string;
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
