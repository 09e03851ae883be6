import type { PostgresMigration } from "./index.js";

/** Consumer declarations, as in the SQLite store's migration 2. */
export const consumers: PostgresMigration = {
  version: 2,
  name: "consumers",
  sql: `
    CREATE TABLE consumer_reads (
      subject TEXT NOT NULL,
      consumer TEXT NOT NULL,
      declaration TEXT NOT NULL,
      PRIMARY KEY (subject, consumer)
    );
  `,
};
