import { initial } from "./0001-initial.js";
import { consumers } from "./0002-consumers.js";
import { dataContracts } from "./0003-data-contracts.js";
import { contexts } from "./0004-contexts.js";

/**
 * A schema change, applied once, in order, inside a transaction. The store records the last
 * applied version in the database (SQLite `user_version`), so a released migration is never
 * edited: add the next one instead.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [initial, consumers, dataContracts, contexts];
