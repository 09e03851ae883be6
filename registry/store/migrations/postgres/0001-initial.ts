import type { PostgresMigration } from "./index.js";

/**
 * The same model as the SQLite store (schemas stored once by fingerprint, shared by subject
 * versions), with what several writers on one database need: unique constraints as the last line
 * of defence, and a one-row id counter so that allocating an id is a row lock inside the
 * registering transaction (gap-free, never reused after a permanent delete).
 *
 * Text that is compared or sorted uses the "C" collation, so subjects sort by code point exactly
 * as they do in SQLite, whatever the database's locale.
 */
export const initial: PostgresMigration = {
  version: 1,
  name: "initial",
  sql: `
    CREATE TABLE schemas (
      id INTEGER PRIMARY KEY CHECK (id >= 1),
      fingerprint TEXT COLLATE "C" NOT NULL UNIQUE,
      schema_type TEXT NOT NULL DEFAULT 'JSON' CHECK (schema_type = 'JSON'),
      schema TEXT NOT NULL,
      -- JSON text, not jsonb: jsonb refuses \\u0000, which a reference name may legally contain.
      references_json TEXT NOT NULL DEFAULT '[]',
      created_at TIMESTAMPTZ NOT NULL DEFAULT now()
    );

    CREATE TABLE schema_id_counter (
      singleton BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (singleton),
      next_id INTEGER NOT NULL CHECK (next_id >= 1)
    );
    INSERT INTO schema_id_counter (singleton, next_id) VALUES (TRUE, 1);

    -- The references of references_json as rows, so referrers can be found by index.
    CREATE TABLE schema_references (
      schema_id INTEGER NOT NULL REFERENCES schemas (id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      subject TEXT COLLATE "C" NOT NULL,
      version INTEGER NOT NULL,
      PRIMARY KEY (schema_id, position)
    );
    CREATE INDEX schema_references_target ON schema_references (subject, version);

    CREATE TABLE subject_versions (
      subject TEXT COLLATE "C" NOT NULL,
      version INTEGER NOT NULL CHECK (version >= 1),
      schema_id INTEGER NOT NULL REFERENCES schemas (id),
      deleted BOOLEAN NOT NULL DEFAULT FALSE,
      created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      PRIMARY KEY (subject, version)
    );
    CREATE INDEX subject_versions_schema ON subject_versions (schema_id);

    -- scope '' is the global scope: subjects are never empty, and a NOT NULL key keeps upserts simple.
    CREATE TABLE config (
      scope TEXT COLLATE "C" PRIMARY KEY,
      compatibility TEXT,
      normalize BOOLEAN
    );

    CREATE TABLE mode (
      scope TEXT COLLATE "C" PRIMARY KEY,
      mode TEXT NOT NULL
    );
  `,
};
