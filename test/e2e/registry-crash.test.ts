import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, PG_SKIP_REASON, PG_URL } from "../registry/store/postgres-helpers.js";
import { call, requireBuild, type ServeProcess, startServe, stopServe } from "./registry-processes.js";

/**
 * SIGKILL while registering, 20 rounds per store: afterwards every acknowledged registration is
 * present and identical, and the database holds nothing half-written.
 */
const ROUNDS = 20;
const LANES = 4;

interface Acknowledged {
  readonly subject: string;
  readonly version: number;
  readonly id: number;
  readonly schema: string;
}

/** Whole-database invariants, asked of the store's own tables. */
type Census = (sql: string) => Promise<Record<string, unknown>[]>;

interface StoreUnderTest {
  readonly name: string;
  readonly skip?: string;
  setUp(): Promise<{ store?: string; dataDir: string; census: Census; tearDown(): Promise<void> }>;
}

const stores: StoreUnderTest[] = [
  {
    name: "sqlite",
    async setUp() {
      const dataDir = mkdtempSync(join(tmpdir(), "accord-crash-"));
      return {
        dataDir,
        async census(sql) {
          const db = new Database(join(dataDir, "accord.db"), { readonly: true });
          try {
            return db.prepare(sql).all() as Record<string, unknown>[];
          } finally {
            db.close();
          }
        },
        async tearDown() {
          rmSync(dataDir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: "postgres",
    ...(PG_URL ? {} : { skip: PG_SKIP_REASON }),
    async setUp() {
      const database = await createDatabase();
      const dataDir = mkdtempSync(join(tmpdir(), "accord-crash-"));
      return {
        store: database.url,
        dataDir,
        async census(sql) {
          const client = new pg.Client({ connectionString: database.url });
          await client.connect();
          try {
            return (await client.query(sql)).rows;
          } finally {
            await client.end();
          }
        },
        async tearDown() {
          rmSync(dataDir, { recursive: true, force: true });
          await database.drop();
        },
      };
    },
  },
];

beforeAll(() => requireBuild());

describe.each(stores)("registry crash test on $name", (target) => {
  const run = target.skip ? it.skip : it;
  let fixture: Awaited<ReturnType<StoreUnderTest["setUp"]>> | undefined;
  let server: ServeProcess | undefined;

  afterAll(async () => {
    if (server) await stopServe(server, "SIGKILL");
    await fixture?.tearDown();
  });

  run(
    `keeps every acknowledged registration through ${ROUNDS} SIGKILLs${target.skip ? ` (skipped: ${target.skip})` : ""}`,
    async () => {
      fixture = await target.setUp();
      const serveOptions = { dataDir: fixture.dataDir, ...(fixture.store ? { store: fixture.store } : {}) };
      const acknowledged: Acknowledged[] = [];
      let sent = 0;

      for (let round = 0; round < ROUNDS; round++) {
        server = await startServe(serveOptions);
        const base = server.url;
        if (round === 0)
          expect((await call(`${base}/config`, "PUT", { compatibility: "NONE" })).status).toBe(200);
        let stop = false;
        const lane = async (lane: number) => {
          for (let index = 0; !stop; index++) {
            const subject = `crash-${lane}-value`;
            const schema = JSON.stringify({
              type: "object",
              title: `round ${round} lane ${lane} event ${index}`,
            });
            sent++;
            try {
              const reply = await call(`${base}/subjects/${subject}/versions`, "POST", {
                schemaType: "JSON",
                schema,
              });
              if (reply.status !== 200) throw new Error(`register answered ${reply.status}: ${reply.text}`);
              const { id, version } = reply.body as { id: number; version: number };
              acknowledged.push({ subject, version, id, schema });
            } catch (err) {
              if (err instanceof Error && err.message.startsWith("register answered")) throw err;
              return; // the connection died with the server: this one was never acknowledged
            }
          }
        };
        const lanes = Array.from({ length: LANES }, (_, n) => lane(n));
        // Kill at a different moment each round, while all lanes are mid-flight.
        await new Promise((resolve) => setTimeout(resolve, 150 + ((round * 97) % 350)));
        await stopServe(server, "SIGKILL");
        stop = true;
        await Promise.all(lanes);
      }

      server = await startServe(serveOptions);
      expect(acknowledged.length).toBeGreaterThan(ROUNDS * 2);
      for (const ack of acknowledged) {
        const version = await call(`${server.url}/subjects/${ack.subject}/versions/${ack.version}`, "GET");
        expect(version.body, `${ack.subject} v${ack.version}`).toMatchObject({
          subject: ack.subject,
          version: ack.version,
          id: ack.id,
          schema: ack.schema,
        });
        const byId = await call(`${server.url}/schemas/ids/${ack.id}`, "GET");
        expect((byId.body as { schema: string }).schema, `id ${ack.id}`).toBe(ack.schema);
      }
      await stopServe(server);
      server = undefined;

      const census = fixture.census;
      const number = async (sql: string) => Number(Object.values((await census(sql))[0] ?? {})[0]);
      // A version without its schema, or a schema no subject version uses: both half-written.
      expect(
        await number(
          "SELECT count(*) AS n FROM subject_versions sv LEFT JOIN schemas s ON s.id = sv.schema_id WHERE s.id IS NULL",
        ),
      ).toBe(0);
      expect(
        await number(
          "SELECT count(*) AS n FROM schemas s WHERE NOT EXISTS (SELECT 1 FROM subject_versions sv WHERE sv.schema_id = s.id)",
        ),
      ).toBe(0);
      // Ids 1..n and each subject's versions 1..n: nothing was allocated by a write that was lost.
      const ids = (await census("SELECT count(*) AS n, min(id) AS lo, max(id) AS hi FROM schemas"))[0] ?? {};
      expect([Number(ids.lo), Number(ids.hi)]).toEqual([1, Number(ids.n)]);
      const subjects = await census(
        "SELECT subject, count(*) AS n, max(version) AS hi FROM subject_versions GROUP BY subject",
      );
      expect(subjects).toHaveLength(LANES);
      for (const row of subjects) expect(Number(row.hi), String(row.subject)).toBe(Number(row.n));
      // Everything acknowledged is there; at most the requests in flight at each kill are extra.
      expect(Number(ids.n)).toBeGreaterThanOrEqual(acknowledged.length);
      expect(Number(ids.n)).toBeLessThanOrEqual(acknowledged.length + ROUNDS * LANES);
      expect(sent).toBeGreaterThan(acknowledged.length);
      console.info(
        `crash test (${target.name}): ${ROUNDS} SIGKILLs, ${sent} sent, ${acknowledged.length} acknowledged and all present, ${ids.n} stored`,
      );
    },
    120_000,
  );
});
