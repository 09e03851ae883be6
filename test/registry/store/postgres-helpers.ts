import { randomBytes } from "node:crypto";
import pg from "pg";
import { openPostgresStore, type PostgresStore } from "../../../registry/store/postgres.js";

/** Set by .ci/run (a throwaway cluster); without it the PostgreSQL tests skip and say why. */
export const PG_URL = process.env.ACCORD_TEST_PG_URL;
export const PG_SKIP_REASON =
  "ACCORD_TEST_PG_URL is not set (CI starts a throwaway PostgreSQL; see .ci/postgres.sh)";

/** A fresh PostgreSQL schema name, so every store under test starts empty. */
export function freshSchemaName(prefix = "t"): string {
  return `accord_${prefix}_${randomBytes(6).toString("hex")}`;
}

/** Stores opened in fresh schemas; `dropAll` removes their schemas afterwards. */
export class PostgresFixtures {
  private readonly schemas: string[] = [];

  async open(options: { schema?: string; poolSize?: number } = {}): Promise<PostgresStore> {
    const schema = options.schema ?? freshSchemaName();
    if (!this.schemas.includes(schema)) this.schemas.push(schema);
    return openPostgresStore({ url: requireUrl(), schema, poolSize: options.poolSize ?? 4 });
  }

  async dropAll(): Promise<void> {
    if (this.schemas.length === 0) return;
    const client = new pg.Client({ connectionString: requireUrl() });
    await client.connect();
    try {
      for (const schema of this.schemas.splice(0))
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    } finally {
      await client.end();
    }
  }
}

/** A fresh database for tests that start `accord serve` processes (their URL names a database). */
export async function createDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = new URL(requireUrl());
  const name = freshSchemaName("db");
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin.toString());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const dropper = new pg.Client({ connectionString: admin.toString() });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

function requireUrl(): string {
  if (!PG_URL) throw new Error(PG_SKIP_REASON);
  return PG_URL;
}
