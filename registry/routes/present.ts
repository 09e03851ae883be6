import { guidOf } from "../guid.js";
import type { StoredSchema, SubjectVersion } from "../store/types.js";

/**
 * Response bodies in Confluent's field names; `references`, `metadata` and `ruleSet` only when
 * there are some, as Confluent does.
 */

export function schemaBody(schema: StoredSchema) {
  return {
    guid: guidOf(schema.fingerprint),
    schema: schema.schema,
    schemaType: schema.schemaType,
    ...(schema.references.length > 0 ? { references: schema.references } : {}),
    ...(schema.metadata === undefined ? {} : { metadata: schema.metadata }),
    ...(schema.ruleSet === undefined ? {} : { ruleSet: schema.ruleSet }),
  };
}

export function subjectVersionBody(row: SubjectVersion) {
  return {
    subject: row.subject,
    version: row.version,
    id: row.schema.id,
    ...schemaBody(row.schema),
    ...(row.deleted ? { deleted: true } : {}),
  };
}
