import { initial } from "./0001-initial.js";
import { consumers } from "./0002-consumers.js";
import { dataContracts } from "./0003-data-contracts.js";
import { contexts } from "./0004-contexts.js";

/**
 * A change to the PostgreSQL schema, applied once, in order, each in its own transaction, by the
 * first instance that starts (the others wait on an advisory lock). The applied versions are rows
 * of `accord_migrations`; a released migration is never edited: add the next one instead.
 */
export interface PostgresMigration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  initial,
  consumers,
  dataContracts,
  contexts,
];
