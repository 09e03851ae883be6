import { resolve } from "node:path";
import { AccordFailure, accordError } from "../../contracts/errors.js";
import { openPostgresStore } from "./postgres.js";
import { DATABASE_FILE, openSqliteStore } from "./sqlite.js";
import type { RegistryStore } from "./types.js";

export interface OpenedStore {
  readonly store: RegistryStore;
  /** What `accord serve` prints as its data location: the SQLite file, or the database URL without password. */
  readonly location: string;
}

/**
 * Opens the store `accord serve --store` names: `sqlite` (the default, a file in `dataDir`) or a
 * `postgres://` / `postgresql://` URL for a database shared by several instances.
 */
export async function openStore(spec: {
  readonly store?: string;
  readonly dataDir: string;
}): Promise<OpenedStore> {
  const store = spec.store?.trim() ?? "sqlite";
  if (store === "" || store === "sqlite") {
    const dataDir = resolve(spec.dataDir);
    return { store: openSqliteStore({ dataDir }), location: resolve(dataDir, DATABASE_FILE) };
  }
  if (/^postgres(ql)?:\/\//i.test(store)) {
    const opened = await openPostgresStore(postgresOptions(store));
    return { store: opened, location: opened.description };
  }
  throw new AccordFailure(
    accordError("ACCORD_ERR_USAGE", [
      `--store must be "sqlite" or a postgres:// URL, not ${JSON.stringify(store.replace(/\/\/[^@/]*@/, "//…@").slice(0, 80))}`,
    ]),
  );
}

/** `?schema=name` picks the PostgreSQL schema for Accord's tables; it is Accord's, not libpq's. */
function postgresOptions(store: string): { url: string; schema?: string } {
  let url: URL;
  try {
    url = new URL(store);
  } catch {
    return { url: store };
  }
  const schema = url.searchParams.get("schema");
  if (schema === null) return { url: store };
  url.searchParams.delete("schema");
  return { url: url.toString(), schema };
}
