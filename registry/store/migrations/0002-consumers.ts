import type { Migration } from "./index.js";

/**
 * Consumer declarations (`/accord/v1/...`): what a consuming service reads of a subject, as
 * `accord consumer publish` sends it. One row per subject and consumer; the declaration is JSON.
 */
export const consumers: Migration = {
  version: 2,
  name: "consumers",
  sql: `
    CREATE TABLE consumer_reads (
      subject TEXT NOT NULL,
      consumer TEXT NOT NULL,
      declaration TEXT NOT NULL,
      PRIMARY KEY (subject, consumer)
    ) WITHOUT ROWID;
  `,
};
