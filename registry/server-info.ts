import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * What `GET /v1/metadata/id` and `/v1/metadata/version` report. Confluent names the Kafka cluster
 * holding its schemas topic and its own group id there; Accord stores schemas in SQLite or
 * PostgreSQL, so the Kafka cluster id is empty and the registry cluster is "accord".
 */
export const REGISTRY_CLUSTER_ID = "accord";

let cachedVersion: string | undefined;

/** Accord's version, from its package.json (found upward from this file, in source or in dist/). */
export function accordVersion(): string {
  if (cachedVersion !== undefined) return cachedVersion;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth++) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
        name?: unknown;
        version?: unknown;
      };
      if (manifest.name === "accord" && typeof manifest.version === "string") {
        cachedVersion = manifest.version;
        return cachedVersion;
      }
    } catch {
      // No package.json here (or not Accord's): look one level up.
    }
    dir = dirname(dir);
  }
  cachedVersion = "unknown";
  return cachedVersion;
}
