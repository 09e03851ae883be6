import type { PostgresMigration } from "./index.js";

/** The same columns as the SQLite store's migration 3 (see there). */
export const dataContracts: PostgresMigration = {
  version: 3,
  name: "data-contracts",
  sql: `
    ALTER TABLE schemas ADD COLUMN metadata_json TEXT;
    ALTER TABLE schemas ADD COLUMN rule_set_json TEXT;
    ALTER TABLE config ADD COLUMN contract_json TEXT;
  `,
};
