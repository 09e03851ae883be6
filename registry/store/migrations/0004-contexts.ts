import type { Migration } from "./index.js";

/**
 * Schema contexts (see contexts.ts): schema ids are scoped per context, so a schema is keyed by
 * (context, id) and by (context, fingerprint), and each context has its own id counter (which,
 * like AUTOINCREMENT before it, never hands out an id again after a permanent delete). Subject
 * versions and reference rows name the context of their schema. SQLite cannot change a primary key
 * in place, so the three tables are rebuilt; every existing row is in the default context `.`,
 * and the default context's counter continues from AUTOINCREMENT's.
 */
export const contexts: Migration = {
  version: 4,
  name: "contexts",
  sql: `
    CREATE TABLE schemas_v4 (
      context TEXT NOT NULL,
      id INTEGER NOT NULL CHECK (id >= 1),
      fingerprint TEXT NOT NULL,
      schema_type TEXT NOT NULL DEFAULT 'JSON' CHECK (schema_type = 'JSON'),
      schema TEXT NOT NULL,
      references_json TEXT NOT NULL DEFAULT '[]',
      created_at INTEGER NOT NULL,
      metadata_json TEXT,
      rule_set_json TEXT,
      PRIMARY KEY (context, id),
      UNIQUE (context, fingerprint)
    );
    INSERT INTO schemas_v4 (context, id, fingerprint, schema_type, schema, references_json, created_at, metadata_json, rule_set_json)
      SELECT '.', id, fingerprint, schema_type, schema, references_json, created_at, metadata_json, rule_set_json FROM schemas;

    CREATE TABLE schema_id_counter (
      context TEXT PRIMARY KEY,
      next_id INTEGER NOT NULL CHECK (next_id >= 1)
    ) WITHOUT ROWID;
    INSERT INTO schema_id_counter (context, next_id) VALUES ('.', max(
      coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'schemas'), 0),
      coalesce((SELECT max(id) FROM schemas), 0)
    ) + 1);

    CREATE TABLE schema_references_v4 (
      context TEXT NOT NULL,
      schema_id INTEGER NOT NULL,
      position INTEGER NOT NULL,
      name TEXT NOT NULL,
      -- The referenced subject, qualified with the referring schema's context where it has none.
      subject TEXT NOT NULL,
      version INTEGER NOT NULL,
      PRIMARY KEY (context, schema_id, position),
      FOREIGN KEY (context, schema_id) REFERENCES schemas_v4 (context, id) ON DELETE CASCADE
    );
    INSERT INTO schema_references_v4 (context, schema_id, position, name, subject, version)
      SELECT '.', schema_id, position, name, subject, version FROM schema_references;

    CREATE TABLE subject_versions_v4 (
      subject TEXT NOT NULL,
      version INTEGER NOT NULL CHECK (version >= 1),
      context TEXT NOT NULL,
      schema_id INTEGER NOT NULL,
      deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
      created_at INTEGER NOT NULL,
      PRIMARY KEY (subject, version),
      FOREIGN KEY (context, schema_id) REFERENCES schemas_v4 (context, id)
    ) WITHOUT ROWID;
    INSERT INTO subject_versions_v4 (subject, version, context, schema_id, deleted, created_at)
      SELECT subject, version, '.', schema_id, deleted, created_at FROM subject_versions;

    DROP TABLE subject_versions;
    DROP TABLE schema_references;
    DROP TABLE schemas;
    ALTER TABLE schemas_v4 RENAME TO schemas;
    ALTER TABLE schema_references_v4 RENAME TO schema_references;
    ALTER TABLE subject_versions_v4 RENAME TO subject_versions;
    CREATE INDEX schema_references_target ON schema_references (subject, version);
    CREATE INDEX subject_versions_schema ON subject_versions (context, schema_id);
    CREATE INDEX schemas_fingerprint ON schemas (fingerprint);
  `,
};
