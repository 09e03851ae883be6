import type { Migration } from "./index.js";

/**
 * Schemas are stored once, keyed by fingerprint, and shared by every subject version that uses
 * them; that is what makes the same schema get the same id in every subject.
 */
export const initial: Migration = {
  version: 1,
  name: "initial",
  sql: `
    CREATE TABLE schemas (
      -- AUTOINCREMENT: an id freed by a permanent delete is never handed out again.
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      fingerprint TEXT NOT NULL UNIQUE,
      schema_type TEXT NOT NULL DEFAULT 'JSON' CHECK (schema_type = 'JSON'),
      schema TEXT NOT NULL,
      references_json TEXT NOT NULL DEFAULT '[]',
      created_at INTEGER NOT NULL
    );

    -- The same references as references_json, as rows, so referrers can be found by index.
    CREATE TABLE schema_references (
      schema_id INTEGER NOT NULL REFERENCES schemas (id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      name TEXT NOT NULL,
      subject TEXT NOT NULL,
      version INTEGER NOT NULL,
      PRIMARY KEY (schema_id, position)
    );
    CREATE INDEX schema_references_target ON schema_references (subject, version);

    CREATE TABLE subject_versions (
      subject TEXT NOT NULL,
      version INTEGER NOT NULL CHECK (version >= 1),
      schema_id INTEGER NOT NULL REFERENCES schemas (id),
      deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
      created_at INTEGER NOT NULL,
      PRIMARY KEY (subject, version)
    ) WITHOUT ROWID;
    CREATE INDEX subject_versions_schema ON subject_versions (schema_id);

    -- subject NULL is the global scope; the partial indexes allow one row per scope.
    CREATE TABLE config (
      subject TEXT,
      compatibility TEXT,
      normalize INTEGER
    );
    CREATE UNIQUE INDEX config_subject ON config (subject) WHERE subject IS NOT NULL;
    CREATE UNIQUE INDEX config_global ON config ((subject IS NULL)) WHERE subject IS NULL;

    CREATE TABLE mode (
      subject TEXT,
      mode TEXT NOT NULL
    );
    CREATE UNIQUE INDEX mode_subject ON mode (subject) WHERE subject IS NOT NULL;
    CREATE UNIQUE INDEX mode_global ON mode ((subject IS NULL)) WHERE subject IS NULL;
  `,
};
