import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { AccordFailure } from "../../../contracts/errors.js";
import { POSTGRES_MIGRATIONS } from "../../../registry/store/migrations/postgres/index.js";
import { describeUrl, lockKeys, openPostgresStore } from "../../../registry/store/postgres.js";
import { describeStoreConformance } from "./conformance.js";
import { expectMigratedIntoDefaultContext } from "./migrated.js";
import { freshSchemaName, PG_SKIP_REASON, PG_URL, PostgresFixtures } from "./postgres-helpers.js";

const fixtures = new PostgresFixtures();
afterAll(() => fixtures.dropAll());

describe("postgres store helpers (no database)", () => {
  it("never shows the password in the store's description", () => {
    expect(describeUrl("postgres://alice:s3cr%40t@db.internal:5432/registry?sslmode=require")).toBe(
      "postgres://alice@db.internal:5432/registry",
    );
    expect(describeUrl("not a url")).not.toMatch(/not a url/);
  });

  it("orders advisory-lock keys the same whatever order subjects come in, without duplicates", () => {
    const a = lockKeys(["orders-value", "payments-value", "orders-value"]);
    expect(a).toHaveLength(2);
    expect(lockKeys(["payments-value", "orders-value"])).toEqual(a);
    expect([...a].sort((x, y) => (BigInt(x) < BigInt(y) ? -1 : 1))).toEqual(a);
  });
});

if (!PG_URL) {
  describe.skip(`postgres store conformance (skipped: ${PG_SKIP_REASON})`, () => {
    it("needs PostgreSQL", () => undefined);
  });
} else {
  const url = PG_URL;
  describeStoreConformance("postgres", () => fixtures.open());

  describe("postgres store", () => {
    it("applies migrations once and records them, even when instances start together", async () => {
      const schema = freshSchemaName();
      const stores = await Promise.all([
        fixtures.open({ schema }),
        fixtures.open({ schema }),
        fixtures.open({ schema }),
      ]);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const { rows } = await client.query(
          `SELECT version, name FROM ${schema}.accord_migrations ORDER BY version`,
        );
        expect(rows).toEqual(POSTGRES_MIGRATIONS.map(({ version, name }) => ({ version, name })));
      } finally {
        await client.end();
        await Promise.all(stores.map((store) => store.close()));
      }
    });

    it("migrates a database from before contexts: every row in the default context, ids continuing", async () => {
      const schema = freshSchemaName();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE SCHEMA ${schema}`);
        await client.query(`SET search_path = ${schema}`);
        await client.query(
          "CREATE TABLE accord_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
        );
        for (const migration of POSTGRES_MIGRATIONS.filter((m) => m.version <= 3)) {
          await client.query(migration.sql);
          await client.query("INSERT INTO accord_migrations (version, name) VALUES ($1, $2)", [
            migration.version,
            migration.name,
          ]);
        }
        await client.query(`INSERT INTO schemas (id, fingerprint, schema, references_json) VALUES
          (1, 'f1', '{"title":"base"}', '[]'),
          (2, 'f2', '{"title":"r"}', '[{"name":"b.json","subject":"base","version":1}]')`);
        await client.query("INSERT INTO schema_references VALUES (2, 0, 'base', 1)");
        await client.query(
          "INSERT INTO subject_versions (subject, version, schema_id, deleted) VALUES ('base', 1, 1, FALSE), ('s', 1, 2, TRUE)",
        );
        // Id 3 was handed out and purged before the migration.
        await client.query("UPDATE schema_id_counter SET next_id = 4");
      } finally {
        await client.end();
      }
      const store = await fixtures.open({ schema });
      try {
        await expectMigratedIntoDefaultContext(store);
      } finally {
        await store.close();
      }
    });

    it("refuses a database migrated by a newer Accord, naming it without the password", async () => {
      const schema = freshSchemaName();
      const first = await fixtures.open({ schema });
      await first.close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`INSERT INTO ${schema}.accord_migrations (version, name) VALUES (99, 'future')`);
      await client.end();
      const password = new URL(url).password;
      try {
        await openPostgresStore({ url, schema });
        expect.unreachable();
      } catch (err) {
        expect((err as AccordFailure).error.code).toBe("ACCORD_ERR_REGISTRY_STORE_OPEN");
        expect((err as Error).message).toMatch(/schema version 99 is newer/);
        if (password) expect((err as Error).message).not.toContain(password);
      }
    });

    it("reports wrong credentials and an unreachable server as open failures without secrets", async () => {
      const wrong = new URL(url);
      wrong.password = "definitely-not-the-password";
      const urls = [wrong.toString(), "postgres://nobody:hunter2@127.0.0.1:1/none"];
      for (const target of urls) {
        const err = await openPostgresStore({ url: target, connectTimeoutMs: 2000 }).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(AccordFailure);
        expect((err as AccordFailure).error.code).toBe("ACCORD_ERR_REGISTRY_STORE_OPEN");
        expect((err as Error).message).not.toMatch(/definitely-not-the-password|hunter2/);
      }
    });

    it("two stores on one database never issue a duplicate id or version", async () => {
      const schema = freshSchemaName();
      const left = await fixtures.open({ schema, poolSize: 4 });
      const right = await fixtures.open({ schema, poolSize: 4 });
      try {
        const subjects = ["a", "b", "c"];
        const attempts = [];
        // The same 30 schemas sent to both stores at once, into three subjects: every schema
        // must end up with one id, and each subject numbered 1..n without gaps or repeats.
        for (let n = 0; n < 30; n++) {
          for (const store of [left, right]) {
            const subject = subjects[n % 3] as string;
            attempts.push(
              (async () => {
                for (;;) {
                  const expected = await store.subjectState(subject);
                  const result = await store.register({
                    subject,
                    schema: { schema: `{"n":${n}}`, fingerprint: `fp-${n}`, references: [] },
                    expected,
                  });
                  if (!result.ok) throw new Error(result.error.message);
                  if (result.value.kind !== "stale") return { n, ...result.value };
                }
              })(),
            );
          }
        }
        const outcomes = await Promise.all(attempts);
        const idOf = new Map<number, number>();
        for (const outcome of outcomes) {
          const seen = idOf.get(outcome.n);
          if (seen !== undefined) expect(outcome.id).toBe(seen);
          idOf.set(outcome.n, outcome.id);
        }
        expect(new Set(idOf.values()).size).toBe(30);
        for (const subject of subjects) {
          const versions = (await left.subjectVersions(subject)).map((row) => row.version);
          expect(versions).toEqual(versions.map((_, index) => index + 1));
          expect(versions).toHaveLength(10);
        }
      } finally {
        await left.close();
        await right.close();
      }
    });

    it("starts as a role that owns only its schema, without CREATE on the database", async () => {
      const schema = freshSchemaName();
      const role = `${schema}_role`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD 'limited-pw'`);
        await admin.query(`CREATE SCHEMA ${schema} AUTHORIZATION ${role}`);
        const limited = new URL(url);
        limited.username = role;
        limited.password = "limited-pw";
        const store = await openPostgresStore({ url: limited.toString(), schema });
        try {
          const result = await store.register({
            subject: "s",
            schema: { schema: "{}", fingerprint: "f", references: [] },
            expected: { maxVersion: 0, live: [] },
          });
          expect(result).toEqual({ ok: true, value: { kind: "created", id: 1, version: 1 } });
        } finally {
          await store.close();
        }
      } finally {
        await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await admin.query(`DROP ROLE IF EXISTS ${role}`);
        await admin.end();
      }
    });

    it("never lets a reference and a delete of its target both succeed across instances", async () => {
      const schema = freshSchemaName();
      const left = await fixtures.open({ schema });
      const right = await fixtures.open({ schema });
      try {
        for (let round = 0; round < 15; round++) {
          const base = `base-${round}`;
          const created = await left.register({
            subject: base,
            schema: { schema: `{"b":${round}}`, fingerprint: `base-${round}`, references: [] },
            expected: { maxVersion: 0, live: [] },
          });
          expect(created.ok).toBe(true);
          const [referrer, deleted] = await Promise.all([
            right.register({
              subject: `ref-${round}`,
              schema: {
                schema: `{"r":${round}}`,
                fingerprint: `ref-${round}`,
                references: [{ name: "b.json", subject: base, version: 1 }],
              },
              expected: { maxVersion: 0, live: [] },
            }),
            left.softDeleteVersion(base, 1),
          ]);
          const outcome = [
            referrer.ok ? "registered" : referrer.error.code,
            deleted.ok ? "deleted" : deleted.error.code,
          ];
          expect([
            ["registered", "ACCORD_ERR_REGISTRY_REFERENCE_EXISTS"],
            ["ACCORD_ERR_REGISTRY_REFERENCE_UNRESOLVED", "deleted"],
          ]).toContainEqual(outcome);
        }
      } finally {
        await left.close();
        await right.close();
      }
    });

    it("never points a version at a schema purged by a concurrent permanent delete", async () => {
      const schema = freshSchemaName();
      const left = await fixtures.open({ schema });
      const right = await fixtures.open({ schema });
      try {
        for (let round = 0; round < 15; round++) {
          const shared = { schema: `{"s":${round}}`, fingerprint: `shared-${round}`, references: [] };
          const doomed = `doomed-${round}`;
          await left.register({ subject: doomed, schema: shared, expected: { maxVersion: 0, live: [] } });
          await left.softDeleteSubject(doomed);
          const [purged, registered] = await Promise.all([
            left.hardDeleteSubject(doomed),
            right.register({
              subject: `keeper-${round}`,
              schema: shared,
              expected: { maxVersion: 0, live: [] },
            }),
          ]);
          expect(purged.ok).toBe(true);
          if (!registered.ok || registered.value.kind === "stale") throw new Error("registration failed");
          const stored = await right.schemaById(registered.value.id, ".");
          expect(stored?.fingerprint).toBe(shared.fingerprint);
        }
      } finally {
        await left.close();
        await right.close();
      }
    });

    it("tells the other stores on the schema of a committed permanent delete, and no one else", async () => {
      const schema = freshSchemaName();
      const deleter = await fixtures.open({ schema });
      const other = await fixtures.open({ schema });
      const elsewhere = await fixtures.open();
      try {
        const heard = { other: 0, elsewhere: 0 };
        other.onPurge(() => heard.other++);
        elsewhere.onPurge(() => heard.elsewhere++);
        const expected = await deleter.subjectState("s");
        await deleter.register({
          subject: "s",
          schema: { schema: "{}", fingerprint: "fp-s", references: [] },
          expected,
        });
        expect((await deleter.softDeleteSubject("s")).ok).toBe(true);
        // A refused permanent delete (rolled back) is not announced.
        expect((await deleter.hardDeleteVersion("s", 9)).ok).toBe(false);
        expect((await deleter.hardDeleteSubject("s")).ok).toBe(true);
        const started = Date.now();
        while (heard.other === 0 && Date.now() - started < 5_000) await new Promise((r) => setTimeout(r, 10));
        expect(heard.other).toBe(1);
        expect(Date.now() - started).toBeLessThan(1_000);
        expect(heard.elsewhere).toBe(0);
      } finally {
        await Promise.all([deleter.close(), other.close(), elsewhere.close()]);
      }
    });

    it("finds nothing for a subject prefix PostgreSQL text cannot hold", async () => {
      const store = await fixtures.open();
      try {
        expect(await store.listSubjects({ deleted: true, prefix: "a\u0000" })).toEqual([]);
      } finally {
        await store.close();
      }
    });
  });
}
