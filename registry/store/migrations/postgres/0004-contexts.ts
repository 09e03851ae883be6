import type { PostgresMigration } from "./index.js";

/**
 * Schema contexts, as the SQLite store's migration 4 (see there): schemas keyed by (context, id)
 * and (context, fingerprint), one id counter row per context, and the context on subject versions
 * and reference rows. Existing rows are in the default context `.`; the counter's one row becomes
 * the default context's.
 */
export const contexts: PostgresMigration = {
  version: 4,
  name: "contexts",
  sql: `
    ALTER TABLE schemas ADD COLUMN context TEXT COLLATE "C" NOT NULL DEFAULT '.';
    ALTER TABLE schema_references ADD COLUMN context TEXT COLLATE "C" NOT NULL DEFAULT '.';
    ALTER TABLE subject_versions ADD COLUMN context TEXT COLLATE "C" NOT NULL DEFAULT '.';
    ALTER TABLE schemas ALTER COLUMN context DROP DEFAULT;
    ALTER TABLE schema_references ALTER COLUMN context DROP DEFAULT;
    ALTER TABLE subject_versions ALTER COLUMN context DROP DEFAULT;

    ALTER TABLE schema_references DROP CONSTRAINT schema_references_schema_id_fkey;
    ALTER TABLE subject_versions DROP CONSTRAINT subject_versions_schema_id_fkey;
    ALTER TABLE schemas DROP CONSTRAINT schemas_pkey;
    ALTER TABLE schemas DROP CONSTRAINT schemas_fingerprint_key;
    ALTER TABLE schemas ADD CONSTRAINT schemas_pkey PRIMARY KEY (context, id);
    ALTER TABLE schemas ADD CONSTRAINT schemas_fingerprint_key UNIQUE (context, fingerprint);
    CREATE INDEX schemas_fingerprint ON schemas (fingerprint);

    ALTER TABLE schema_references DROP CONSTRAINT schema_references_pkey;
    ALTER TABLE schema_references ADD CONSTRAINT schema_references_pkey PRIMARY KEY (context, schema_id, position);
    ALTER TABLE schema_references ADD CONSTRAINT schema_references_schema_fkey
      FOREIGN KEY (context, schema_id) REFERENCES schemas (context, id) ON DELETE CASCADE;
    ALTER TABLE subject_versions ADD CONSTRAINT subject_versions_schema_fkey
      FOREIGN KEY (context, schema_id) REFERENCES schemas (context, id);
    DROP INDEX subject_versions_schema;
    CREATE INDEX subject_versions_schema ON subject_versions (context, schema_id);

    ALTER TABLE schema_id_counter ADD COLUMN context TEXT COLLATE "C" NOT NULL DEFAULT '.';
    ALTER TABLE schema_id_counter DROP COLUMN singleton;
    ALTER TABLE schema_id_counter ALTER COLUMN context DROP DEFAULT;
    ALTER TABLE schema_id_counter ADD CONSTRAINT schema_id_counter_pkey PRIMARY KEY (context);
  `,
};
