import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { AccordFailure } from "../../../contracts/errors.js";
import { MIGRATIONS } from "../../../registry/store/migrations/index.js";
import { DATABASE_FILE, openSqliteStore } from "../../../registry/store/sqlite.js";
import { describeStoreConformance } from "./conformance.js";
import { expectMigratedIntoDefaultContext } from "./migrated.js";

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "accord-store-"));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describeStoreConformance("sqlite (file)", async () => openSqliteStore({ dataDir: tempDir() }));
describeStoreConformance("sqlite (memory)", async () => openSqliteStore({ dataDir: ":memory:" }));

describe("sqlite store on disk", () => {
  it("keeps every registration, delete and setting across close and reopen", async () => {
    const dataDir = tempDir();
    const first = openSqliteStore({ dataDir });
    const expected = { maxVersion: 0, live: [] };
    await first.register({
      subject: "s",
      schema: { schema: "{}", fingerprint: "f1", references: [] },
      expected,
    });
    await first.register({
      subject: "s",
      schema: { schema: '{"type":"object"}', fingerprint: "f2", references: [] },
      expected: { maxVersion: 1, live: [1] },
    });
    await first.softDeleteVersion("s", 1);
    await first.setConfig("s", { compatibility: "FULL_TRANSITIVE" });
    await first.setMode(null, "READONLY");
    await first.close();

    const second = openSqliteStore({ dataDir });
    const versions = await second.subjectVersions("s");
    expect(versions.map((row) => [row.version, row.deleted, row.schema.id, row.schema.schema])).toEqual([
      [1, true, 1, "{}"],
      [2, false, 2, '{"type":"object"}'],
    ]);
    expect(await second.getConfig("s")).toEqual({ compatibility: "FULL_TRANSITIVE" });
    expect(await second.getMode(null)).toBe("READONLY");
    await second.close();
  });

  it("migrates a database from before contexts: every row in the default context, ids continuing", async () => {
    const dataDir = tempDir();
    const db = new Database(join(dataDir, DATABASE_FILE));
    for (const migration of MIGRATIONS.filter((m) => m.version <= 3)) db.exec(migration.sql);
    db.pragma("user_version = 3");
    const insertSchema = db.prepare(
      "INSERT INTO schemas (fingerprint, schema, references_json, created_at) VALUES (?, ?, ?, 0)",
    );
    insertSchema.run("f1", '{"title":"base"}', "[]");
    insertSchema.run(
      "f2",
      '{"title":"r"}',
      JSON.stringify([{ name: "b.json", subject: "base", version: 1 }]),
    );
    insertSchema.run("f3", '{"title":"gone"}', "[]");
    db.prepare("DELETE FROM schemas WHERE id = 3").run();
    db.prepare("INSERT INTO schema_references VALUES (2, 0, 'b.json', 'base', 1)").run();
    db.prepare(
      "INSERT INTO subject_versions (subject, version, schema_id, deleted, created_at) VALUES (?, ?, ?, ?, 0)",
    ).run("base", 1, 1, 0);
    db.prepare(
      "INSERT INTO subject_versions (subject, version, schema_id, deleted, created_at) VALUES (?, ?, ?, ?, 0)",
    ).run("s", 1, 2, 1);
    db.close();

    const store = openSqliteStore({ dataDir });
    try {
      await expectMigratedIntoDefaultContext(store);
    } finally {
      await store.close();
    }
  });

  it("uses WAL and synchronous=FULL so acknowledged writes are durable", () => {
    const dataDir = tempDir();
    const store = openSqliteStore({ dataDir });
    const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
    db.close();
    return store.close();
  });

  it("refuses a database written by a newer Accord, naming the file", () => {
    const dataDir = tempDir();
    const db = new Database(join(dataDir, DATABASE_FILE));
    db.pragma("user_version = 99");
    db.close();
    expect(() => openSqliteStore({ dataDir })).toThrowError(/accord\.db.*schema version 99 is newer/);
  });

  it("reports a data directory that cannot be created as an input error", () => {
    const file = join(tempDir(), "plain-file");
    writeFileSync(file, "x");
    try {
      openSqliteStore({ dataDir: join(file, "sub") });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AccordFailure);
      expect((err as AccordFailure).error.code).toBe("ACCORD_ERR_FILE_READ");
    }
  });

  it("turns a locked database into a 50002 timeout, not a crash", async () => {
    const dataDir = tempDir();
    const store = openSqliteStore({ dataDir, busyTimeoutMs: 50 });
    const other = new Database(join(dataDir, DATABASE_FILE));
    other.exec("BEGIN IMMEDIATE");
    try {
      await store.setConfig(null, { compatibility: "NONE" });
      expect.unreachable();
    } catch (err) {
      expect((err as AccordFailure).error.code).toBe("ACCORD_ERR_REGISTRY_STORE_TIMEOUT");
    } finally {
      other.exec("ROLLBACK");
      other.close();
      await store.close();
    }
  });
});
