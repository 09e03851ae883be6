import type { Migration } from "./index.js";

/**
 * Data contracts: a schema's metadata and rule set (JSON, NULL when it has none), and a scope's
 * data-contract settings (compatibility group, default and override metadata and rule sets, and
 * the fields Accord stores for clients), as one JSON object.
 */
export const dataContracts: Migration = {
  version: 3,
  name: "data-contracts",
  sql: `
    ALTER TABLE schemas ADD COLUMN metadata_json TEXT;
    ALTER TABLE schemas ADD COLUMN rule_set_json TEXT;
    ALTER TABLE config ADD COLUMN contract_json TEXT;
  `,
};
