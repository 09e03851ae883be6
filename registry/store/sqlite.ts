import { mkdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { AccordFailure, accordError, fail, ok, type Result } from "../../contracts/errors.js";
import { contextOf, referenceTarget, sortContexts } from "../contexts.js";
import type { RegistryMode } from "../model.js";
import { type ConsumerRow, declarationText, toStoredConsumer } from "./consumer-rows.js";
import { MIGRATIONS } from "./migrations/index.js";
import { decideRegistration } from "./registration.js";
import {
  type ConfigRow,
  configColumns,
  contractColumns,
  prefixRange,
  type SchemaRow,
  schemaColumns,
  snapshotOf,
  toConfig,
  toStoredSchema,
  toSubjectVersion,
  type VersionRow,
} from "./rows.js";
import { referenced } from "./rules.js";
import type {
  RegisterOutcome,
  RegisterRequest,
  RegistryStore,
  SchemaUsage,
  StoredConfig,
  StoredConsumer,
  StoredSchema,
  SubjectSnapshot,
  SubjectVersion,
} from "./types.js";

export const DATABASE_FILE = "accord.db";

export interface SqliteStoreOptions {
  /** Directory holding `accord.db` (created if missing), or `:memory:` for a throwaway store. */
  readonly dataDir: string;
  /** How long a write waits for a lock held by another connection before failing with 50002. */
  readonly busyTimeoutMs?: number;
}

/** Opens (creating and migrating as needed) the embedded store. Throws AccordFailure on failure. */
export function openSqliteStore(options: SqliteStoreOptions): SqliteStore {
  const file = options.dataDir === ":memory:" ? ":memory:" : join(options.dataDir, DATABASE_FILE);
  let db: Database.Database;
  try {
    if (file !== ":memory:") mkdirSync(options.dataDir, { recursive: true });
    db = new Database(file);
  } catch (err) {
    throw new AccordFailure(accordError("ACCORD_ERR_FILE_READ", [file, (err as Error).message]));
  }
  try {
    // WAL lets readers run beside the one writer; synchronous=FULL makes every committed
    // registration survive a power cut, not only a process crash.
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    db.pragma("foreign_keys = ON");
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
    migrate(db, file);
    return new SqliteStore(db, file);
  } catch (err) {
    db.close();
    if (err instanceof AccordFailure) throw err;
    throw new AccordFailure(accordError("ACCORD_ERR_FILE_READ", [file, (err as Error).message]));
  }
}

function migrate(db: Database.Database, file: string): void {
  const current = db.pragma("user_version", { simple: true }) as number;
  const latest = MIGRATIONS.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new AccordFailure(
      accordError("ACCORD_ERR_FILE_READ", [
        file,
        `database schema version ${current} is newer than this Accord understands (${latest}); upgrade Accord`,
      ]),
    );
  }
  for (const migration of MIGRATIONS) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}

export class SqliteStore implements RegistryStore {
  readonly description: string;
  private readonly db: Database.Database;
  private readonly q: Statements;
  private readonly registerTx: Database.Transaction<(request: RegisterRequest) => Result<RegisterOutcome>>;
  private readonly registerBatchTx: Database.Transaction<
    (requests: RegisterRequest[]) => (Result<RegisterOutcome> | Error)[]
  >;
  private pending: PendingRegistration[] = [];
  private readonly softDeleteVersionTx: Database.Transaction<
    (subject: string, version: number) => Result<number>
  >;
  private readonly hardDeleteVersionTx: Database.Transaction<
    (subject: string, version: number) => Result<number>
  >;
  private readonly softDeleteSubjectTx: Database.Transaction<(subject: string) => Result<number[]>>;
  private readonly hardDeleteSubjectTx: Database.Transaction<(subject: string) => Result<number[]>>;

  constructor(db: Database.Database, file: string) {
    this.db = db;
    this.description = `sqlite:${file}`;
    this.q = prepareStatements(db);
    this.registerTx = db.transaction((request: RegisterRequest) => this.registerRows(request));
    this.registerBatchTx = db.transaction((requests: RegisterRequest[]) =>
      requests.map((request) => {
        try {
          // Nested in the batch's transaction, this is a savepoint: a throw undoes only this one.
          return this.registerTx(request);
        } catch (err) {
          return this.guardError(err);
        }
      }),
    );
    this.softDeleteVersionTx = db.transaction((subject: string, version: number) =>
      this.softDeleteVersionRows(subject, version),
    );
    this.hardDeleteVersionTx = db.transaction((subject: string, version: number) =>
      this.hardDeleteVersionRows(subject, version),
    );
    this.softDeleteSubjectTx = db.transaction((subject: string) => this.softDeleteSubjectRows(subject));
    this.hardDeleteSubjectTx = db.transaction((subject: string) => this.hardDeleteSubjectRows(subject));
  }

  async listSubjects(options: { deleted: boolean; prefix?: string }): Promise<string[]> {
    return this.guard(() => {
      const prefix = options.prefix ?? "";
      const statement = options.deleted ? this.q.subjectsAll : this.q.subjectsLive;
      return statement.all(prefix, prefix).map((row) => row.subject);
    });
  }

  async subjectVersions(subject: string): Promise<SubjectVersion[]> {
    return this.guard(() => this.q.versions.all(subject).map(toSubjectVersion));
  }

  async getVersion(subject: string, version: number): Promise<SubjectVersion | undefined> {
    return this.guard(() => {
      const row = this.q.version.get(subject, version);
      return row ? toSubjectVersion(row) : undefined;
    });
  }

  async findSchemaInSubject(subject: string, fingerprint: string): Promise<SubjectVersion[]> {
    return this.guard(() => this.q.findInSubject.all(fingerprint, subject).map(toSubjectVersion));
  }

  async subjectState(subject: string): Promise<SubjectSnapshot> {
    return this.guard(() => snapshotOf(this.q.versionNumbers.all(subject)));
  }

  async latestVersion(subject: string, options: { deleted: boolean }): Promise<SubjectVersion | undefined> {
    return this.guard(() => {
      const row = (options.deleted ? this.q.latestAny : this.q.latestLive).get(subject);
      return row ? toSubjectVersion(row) : undefined;
    });
  }

  async schemaById(id: number, context: string): Promise<StoredSchema | undefined> {
    return this.guard(() => {
      const row = this.q.schemaById.get(context, id);
      return row ? toStoredSchema(row) : undefined;
    });
  }

  async maxSchemaId(context: string): Promise<number> {
    return this.guard(() => this.q.maxSchemaId.get(context)?.max ?? 0);
  }

  async schemasByFingerprintPrefix(prefix: string): Promise<StoredSchema[]> {
    return this.guard(() => {
      const rows = this.q.schemasByFingerprintRange.all(...prefixRange(prefix));
      // One per context: the fingerprint that sorts first, as the first context's answer would be.
      const first = rows[0];
      const same = first ? rows.filter((row) => row.fingerprint === first.fingerprint) : [];
      const order = sortContexts(same.map((row) => row.context));
      return order.flatMap((context) => same.filter((row) => row.context === context).map(toStoredSchema));
    });
  }

  async listContexts(): Promise<string[]> {
    return this.guard(() => sortContexts(this.q.contexts.all().map((row) => row.context)));
  }

  async schemaByFingerprint(fingerprint: string, context: string): Promise<StoredSchema | undefined> {
    return this.guard(() => {
      const row = this.q.schemaByFingerprint.get(context, fingerprint);
      return row ? toStoredSchema(row) : undefined;
    });
  }

  async usagesOfSchema(id: number, context: string, options: { deleted: boolean }): Promise<SchemaUsage[]> {
    return this.guard(() =>
      this.q.usages
        .all(context, id, options.deleted ? 1 : 0)
        .map((row) => ({ subject: row.subject, version: row.version, deleted: row.deleted === 1 })),
    );
  }

  async referencedBy(subject: string, version: number, options: { deleted: boolean }): Promise<number[]> {
    return this.guard(() => this.referrers(subject, version, options.deleted, null));
  }

  /**
   * Queues the registration and commits every registration queued in the same turn of the event
   * loop in one transaction: with synchronous=FULL each commit waits for the disk, so one sync
   * for a batch instead of one per request is what lets concurrent registrations scale. Each
   * registration runs in its own savepoint, so one failing leaves the others in the batch intact.
   */
  register(request: RegisterRequest): Promise<Result<RegisterOutcome>> {
    return new Promise((resolve, reject) => {
      this.pending.push({ request, resolve, reject });
      if (this.pending.length === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    let results: (Result<RegisterOutcome> | Error)[];
    try {
      results = this.guard(() => this.registerBatchTx.immediate(batch.map((item) => item.request)));
    } catch (err) {
      for (const item of batch) item.reject(err);
      return;
    }
    batch.forEach((item, index) => {
      const result = results[index];
      if (result instanceof Error) item.reject(result);
      else if (result) item.resolve(result);
    });
  }

  private registerRows(request: RegisterRequest): Result<RegisterOutcome> {
    const { subject, schema } = request;
    const context = contextOf(subject);
    const rows = this.q.versions.all(subject);
    const decided = decideRegistration(request, {
      versions: rows,
      referenceLive: (name, version) => {
        const target = this.q.version.get(name, version);
        return target !== undefined && target.deleted === 0;
      },
      schemaByFingerprint: (fingerprint) => this.q.schemaByFingerprint.get(context, fingerprint),
      schemaById: (id) => this.q.schemaById.get(context, id),
    });
    if (!decided.ok) return decided;
    if (decided.value.kind !== "create") return ok(decided.value);
    const { version, reuse, tombstone } = decided.value;

    const now = Date.now();
    let id = reuse;
    if (id === undefined) {
      // Each context counts on its own; an imported id moves the counter past it.
      id = request.importId ?? this.q.nextId.get(context)?.next_id ?? 1;
      this.q.advanceCounter.run(context, id + 1);
      this.q.insertSchema.run(
        context,
        id,
        schema.fingerprint,
        schema.schema,
        JSON.stringify(schema.references),
        ...contractColumns(schema),
        now,
      );
      schema.references.forEach((reference, position) => {
        this.q.insertReference.run(
          context,
          id as number,
          position,
          reference.name,
          referenceTarget(reference.subject, context),
          reference.version,
        );
      });
    }
    for (const old of tombstone) {
      if (this.referrers(subject, old, true, null).length === 0) this.q.deleteVersion.run(subject, old);
    }
    this.q.insertVersion.run(subject, version, context, id, now);
    return ok({ kind: "created", id, version });
  }

  async softDeleteVersion(subject: string, version: number): Promise<Result<number>> {
    return this.guard(() => this.softDeleteVersionTx.immediate(subject, version));
  }

  private softDeleteVersionRows(subject: string, version: number): Result<number> {
    const found = this.findVersion(subject, version);
    if (!found.ok) return found;
    if (found.value.deleted === 1) {
      return fail(accordError("ACCORD_ERR_REGISTRY_VERSION_SOFT_DELETED", [version, subject]));
    }
    const referrers = this.referrers(subject, version, false, null);
    if (referrers.length > 0) return referenced(subject, version, referrers);
    this.q.markDeleted.run(subject, version);
    return ok(version);
  }

  async hardDeleteVersion(subject: string, version: number): Promise<Result<number>> {
    return this.guard(() => this.hardDeleteVersionTx.immediate(subject, version));
  }

  private hardDeleteVersionRows(subject: string, version: number): Result<number> {
    const found = this.findVersion(subject, version);
    if (!found.ok) return found;
    if (found.value.deleted === 0) {
      return fail(accordError("ACCORD_ERR_REGISTRY_VERSION_NOT_SOFT_DELETED", [version, subject]));
    }
    // Soft-deleted referrers still count: their ids must keep decoding, which needs this version.
    const referrers = this.referrers(subject, version, true, null);
    if (referrers.length > 0) return referenced(subject, version, referrers);
    this.q.deleteVersion.run(subject, version);
    this.q.purgeSchema.run({ context: found.value.context, id: found.value.id });
    return ok(version);
  }

  async softDeleteSubject(subject: string): Promise<Result<number[]>> {
    return this.guard(() => this.softDeleteSubjectTx.immediate(subject));
  }

  private softDeleteSubjectRows(subject: string): Result<number[]> {
    const rows = this.q.versions.all(subject);
    if (rows.length === 0) return fail(accordError("ACCORD_ERR_REGISTRY_SUBJECT_NOT_FOUND", [subject]));
    const live = rows.filter((row) => row.deleted === 0);
    if (live.length === 0) return fail(accordError("ACCORD_ERR_REGISTRY_SUBJECT_SOFT_DELETED", [subject]));
    for (const row of live) {
      // Referrers inside this subject are being deleted with it.
      const referrers = this.referrers(subject, row.version, false, subject);
      if (referrers.length > 0) return referenced(subject, row.version, referrers);
    }
    for (const row of live) this.q.markDeleted.run(subject, row.version);
    return ok(live.map((row) => row.version));
  }

  async hardDeleteSubject(subject: string): Promise<Result<number[]>> {
    return this.guard(() => this.hardDeleteSubjectTx.immediate(subject));
  }

  private hardDeleteSubjectRows(subject: string): Result<number[]> {
    const rows = this.q.versions.all(subject);
    if (rows.length === 0) return fail(accordError("ACCORD_ERR_REGISTRY_SUBJECT_NOT_FOUND", [subject]));
    if (rows.some((row) => row.deleted === 0)) {
      return fail(accordError("ACCORD_ERR_REGISTRY_SUBJECT_NOT_SOFT_DELETED", [subject]));
    }
    for (const row of rows) {
      const referrers = this.referrers(subject, row.version, true, subject);
      if (referrers.length > 0) return referenced(subject, row.version, referrers);
    }
    for (const row of rows) this.q.deleteVersion.run(subject, row.version);
    // One subject is in one context, so its ids are too.
    for (const id of new Set(rows.map((row) => row.id)))
      this.q.purgeSchema.run({ context: contextOf(subject), id });
    this.q.deleteConfig.run(subject);
    this.q.deleteMode.run(subject);
    return ok(rows.map((row) => row.version));
  }

  async getConfig(subject: string | null): Promise<StoredConfig | undefined> {
    return this.guard(() => {
      const row = this.q.getConfig.get(subject);
      return row ? toConfig(row) : undefined;
    });
  }

  async setConfig(subject: string | null, config: StoredConfig): Promise<void> {
    this.guard(() =>
      this.transaction(() => {
        this.q.deleteConfig.run(subject);
        const [compatibility, normalize, contract] = configColumns(config);
        this.q.insertConfig.run(
          subject,
          compatibility,
          normalize === null ? null : normalize ? 1 : 0,
          contract,
        );
      }).immediate(),
    );
  }

  async deleteConfig(subject: string | null): Promise<StoredConfig | undefined> {
    return this.guard(() =>
      this.transaction(() => {
        const row = this.q.getConfig.get(subject);
        this.q.deleteConfig.run(subject);
        return row ? toConfig(row) : undefined;
      }).immediate(),
    );
  }

  async getMode(subject: string | null): Promise<RegistryMode | undefined> {
    return this.guard(() => this.q.getMode.get(subject)?.mode as RegistryMode | undefined);
  }

  async setMode(subject: string | null, mode: RegistryMode): Promise<void> {
    this.guard(() =>
      this.transaction(() => {
        this.q.deleteMode.run(subject);
        this.q.insertMode.run(subject, mode);
      }).immediate(),
    );
  }

  async deleteMode(subject: string | null): Promise<RegistryMode | undefined> {
    return this.guard(() =>
      this.transaction(() => {
        const row = this.q.getMode.get(subject);
        this.q.deleteMode.run(subject);
        return row?.mode as RegistryMode | undefined;
      }).immediate(),
    );
  }

  async listConsumers(subject?: string): Promise<StoredConsumer[]> {
    return this.guard(() => {
      const columns = "SELECT subject, consumer, declaration FROM consumer_reads";
      const rows =
        subject === undefined
          ? this.db.prepare<[], ConsumerRow>(`${columns} ORDER BY subject, consumer`).all()
          : this.db
              .prepare<[string], ConsumerRow>(`${columns} WHERE subject = ? ORDER BY consumer`)
              .all(subject);
      return rows.map(toStoredConsumer);
    });
  }

  async putConsumer(consumer: StoredConsumer): Promise<"created" | "updated" | "unchanged"> {
    const text = declarationText(consumer);
    return this.guard(() =>
      this.transaction(() => {
        const row = this.db
          .prepare<[string, string], { declaration: string }>(
            "SELECT declaration FROM consumer_reads WHERE subject = ? AND consumer = ?",
          )
          .get(consumer.subject, consumer.consumer);
        if (row?.declaration === text) return "unchanged" as const;
        this.db
          .prepare<[string, string, string]>(
            "INSERT INTO consumer_reads (subject, consumer, declaration) VALUES (?, ?, ?) ON CONFLICT (subject, consumer) DO UPDATE SET declaration = excluded.declaration",
          )
          .run(consumer.subject, consumer.consumer, text);
        return row ? ("updated" as const) : ("created" as const);
      }).immediate(),
    );
  }

  /** One process writes a SQLite store, and it drops its own caches: nothing to tell. */
  onPurge(_listener: () => void): void {}

  async close(): Promise<void> {
    if (!this.db.open) return;
    this.flush();
    this.db.close();
  }

  private findVersion(subject: string, version: number): Result<VersionRow> {
    const row = this.q.version.get(subject, version);
    if (row) return ok(row);
    if (!this.q.latestAny.get(subject)) {
      return fail(accordError("ACCORD_ERR_REGISTRY_SUBJECT_NOT_FOUND", [subject]));
    }
    return fail(accordError("ACCORD_ERR_REGISTRY_VERSION_NOT_FOUND", [version, subject]));
  }

  private referrers(subject: string, version: number, deleted: boolean, excluded: string | null): number[] {
    return this.q.referrers
      .all(subject, version, deleted ? 1 : 0, excluded, excluded)
      .map((row) => row.schema_id);
  }

  private transaction<A extends unknown[], R>(fn: (...args: A) => R) {
    return this.db.transaction(fn);
  }

  /** Store failures become table errors (50001/50002); the message names the cause, never SQL. */
  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      throw this.guardError(err);
    }
  }

  private guardError(err: unknown): Error {
    if (err instanceof Database.SqliteError) {
      const busy = err.code === "SQLITE_BUSY" || err.code.startsWith("SQLITE_BUSY_");
      return new AccordFailure(
        busy
          ? accordError("ACCORD_ERR_REGISTRY_STORE_TIMEOUT", ["the database is locked by another connection"])
          : accordError("ACCORD_ERR_REGISTRY_STORE", [`${err.code}: ${err.message}`]),
      );
    }
    return err instanceof Error ? err : new Error(String(err));
  }
}

interface PendingRegistration {
  readonly request: RegisterRequest;
  readonly resolve: (result: Result<RegisterOutcome>) => void;
  readonly reject: (err: unknown) => void;
}

type Statements = ReturnType<typeof prepareStatements>;

function prepareStatements(db: Database.Database) {
  const versionColumns = `sv.subject, sv.version, sv.deleted, ${schemaColumns("s.")} FROM subject_versions sv JOIN schemas s ON s.context = sv.context AND s.id = sv.schema_id`;
  return {
    subjectsLive: db.prepare<[string, string], { subject: string }>(
      "SELECT DISTINCT subject FROM subject_versions WHERE deleted = 0 AND substr(subject, 1, length(?)) = ? ORDER BY subject",
    ),
    subjectsAll: db.prepare<[string, string], { subject: string }>(
      "SELECT DISTINCT subject FROM subject_versions WHERE substr(subject, 1, length(?)) = ? ORDER BY subject",
    ),
    versions: db.prepare<[string], VersionRow>(
      `SELECT ${versionColumns} WHERE sv.subject = ? ORDER BY sv.version`,
    ),
    version: db.prepare<[string, number], VersionRow>(
      `SELECT ${versionColumns} WHERE sv.subject = ? AND sv.version = ?`,
    ),
    findInSubject: db.prepare<[string, string], VersionRow>(
      `SELECT ${versionColumns} WHERE s.fingerprint = ? AND sv.subject = ? ORDER BY sv.version`,
    ),
    versionNumbers: db.prepare<[string], { version: number; deleted: 0 | 1 }>(
      "SELECT version, deleted FROM subject_versions WHERE subject = ? ORDER BY version",
    ),
    latestLive: db.prepare<[string], VersionRow>(
      `SELECT ${versionColumns} WHERE sv.subject = ? AND sv.deleted = 0 ORDER BY sv.version DESC LIMIT 1`,
    ),
    latestAny: db.prepare<[string], VersionRow>(
      `SELECT ${versionColumns} WHERE sv.subject = ? ORDER BY sv.version DESC LIMIT 1`,
    ),
    schemaById: db.prepare<[string, number], SchemaRow>(
      `SELECT ${schemaColumns()} FROM schemas WHERE context = ? AND id = ?`,
    ),
    maxSchemaId: db.prepare<[string], { max: number | null }>(
      "SELECT max(id) AS max FROM schemas WHERE context = ?",
    ),
    schemasByFingerprintRange: db.prepare<[string, string], SchemaRow>(
      `SELECT ${schemaColumns()} FROM schemas WHERE fingerprint >= ? AND fingerprint < ? ORDER BY fingerprint, context`,
    ),
    schemaByFingerprint: db.prepare<[string, string], SchemaRow>(
      `SELECT ${schemaColumns()} FROM schemas WHERE context = ? AND fingerprint = ?`,
    ),
    contexts: db.prepare<[], { context: string }>("SELECT context FROM schema_id_counter"),
    nextId: db.prepare<[string], { next_id: number }>(
      "SELECT next_id FROM schema_id_counter WHERE context = ?",
    ),
    advanceCounter: db.prepare<[string, number]>(
      `INSERT INTO schema_id_counter (context, next_id) VALUES (?, ?)
       ON CONFLICT (context) DO UPDATE SET next_id = max(next_id, excluded.next_id)`,
    ),
    usages: db.prepare<[string, number, number], { subject: string; version: number; deleted: 0 | 1 }>(
      "SELECT subject, version, deleted FROM subject_versions WHERE context = ? AND schema_id = ? AND (deleted = 0 OR ?) ORDER BY subject, version",
    ),
    // Referrers count only while some version (outside `excluded`) still uses them.
    referrers: db.prepare<[string, number, number, string | null, string | null], { schema_id: number }>(
      `SELECT DISTINCT r.schema_id FROM schema_references r
       JOIN subject_versions sv ON sv.context = r.context AND sv.schema_id = r.schema_id
       WHERE r.subject = ? AND r.version = ? AND (sv.deleted = 0 OR ?) AND (? IS NULL OR sv.subject <> ?)
       ORDER BY r.schema_id`,
    ),
    insertSchema: db.prepare<[string, number, string, string, string, string | null, string | null, number]>(
      "INSERT INTO schemas (context, id, fingerprint, schema, references_json, metadata_json, rule_set_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    insertReference: db.prepare<[string, number, number, string, string, number]>(
      "INSERT INTO schema_references (context, schema_id, position, name, subject, version) VALUES (?, ?, ?, ?, ?, ?)",
    ),
    insertVersion: db.prepare<[string, number, string, number, number]>(
      "INSERT INTO subject_versions (subject, version, context, schema_id, created_at) VALUES (?, ?, ?, ?, ?)",
    ),
    markDeleted: db.prepare<[string, number]>(
      "UPDATE subject_versions SET deleted = 1 WHERE subject = ? AND version = ?",
    ),
    deleteVersion: db.prepare<[string, number]>(
      "DELETE FROM subject_versions WHERE subject = ? AND version = ?",
    ),
    purgeSchema: db.prepare<{ context: string; id: number }>(
      `DELETE FROM schemas WHERE context = @context AND id = @id
       AND NOT EXISTS (SELECT 1 FROM subject_versions WHERE context = @context AND schema_id = @id)`,
    ),
    getConfig: db.prepare<[string | null], ConfigRow>(
      "SELECT compatibility, normalize, contract_json FROM config WHERE subject IS ?",
    ),
    deleteConfig: db.prepare<[string | null]>("DELETE FROM config WHERE subject IS ?"),
    insertConfig: db.prepare<[string | null, string | null, number | null, string | null]>(
      "INSERT INTO config (subject, compatibility, normalize, contract_json) VALUES (?, ?, ?, ?)",
    ),
    getMode: db.prepare<[string | null], { mode: string }>("SELECT mode FROM mode WHERE subject IS ?"),
    deleteMode: db.prepare<[string | null]>("DELETE FROM mode WHERE subject IS ?"),
    insertMode: db.prepare<[string | null, string]>("INSERT INTO mode (subject, mode) VALUES (?, ?)"),
  };
}
