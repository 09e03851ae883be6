import { createHash } from "node:crypto";
import pg from "pg";
import { AccordFailure, accordError, fail, ok, type Result } from "../../contracts/errors.js";
import { contextOf, referenceTarget, sortContexts } from "../contexts.js";
import type { RegistryMode, SchemaReference } from "../model.js";
import { type ConsumerRow, declarationText, toStoredConsumer } from "./consumer-rows.js";
import { POSTGRES_MIGRATIONS } from "./migrations/postgres/index.js";
import { PURGE_CHANNEL, PurgeListener } from "./postgres-changes.js";
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

export interface PostgresStoreOptions {
  /** `postgres://user:password@host:port/database`; libpq parameters such as `sslmode` are honoured. */
  readonly url: string;
  /** The PostgreSQL schema (namespace) for Accord's tables, created if missing; default `public`. */
  readonly schema?: string;
  /** Connections per instance; default 10. */
  readonly poolSize?: number;
  /** A statement (lock waits included) running longer fails with 50002; default 15 s. */
  readonly statementTimeoutMs?: number;
  /** Waiting longer for a connection fails with 50002; default 10 s. */
  readonly connectTimeoutMs?: number;
}

/** Classes of SQLSTATE after which the same transaction, run again, can succeed. */
const RETRYABLE = new Set([
  "40001", // serialization_failure
  "40P01", // deadlock_detected
  "23505", // unique_violation: another instance wrote the same key first
  "23503", // foreign_key_violation: a schema purged by a writer that skipped the counter lock
]);
const MAX_TRANSACTION_ATTEMPTS = 6;
/** Registrations committed together; bounds how long the first one in a batch waits. */
const MAX_BATCH = 256;
/** Advisory-lock key space of this store: subject locks are derived from it. */
const LOCK_NAMESPACE = "accord-registry-subject";
/** Held while migrating, so instances starting together migrate once. */
const MIGRATION_LOCK_KEY = 0x61_63_63_6f_72_64n; // "accord"

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

type Queryable = pg.Pool | pg.PoolClient;

/**
 * Opens the PostgreSQL store: connects, applies pending migrations (under an advisory lock, so
 * several instances starting at once migrate once) and returns the store. Throws AccordFailure
 * (ACCORD_ERR_REGISTRY_STORE_OPEN) naming the database without its password.
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  const description = describeUrl(options.url, options.schema);
  const schema = options.schema ?? "public";
  if (!IDENTIFIER.test(schema)) {
    throw openFailure(description, `schema name ${JSON.stringify(schema)} must match ${IDENTIFIER.source}`);
  }
  let pool: pg.Pool;
  try {
    pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
      statement_timeout: options.statementTimeoutMs ?? 15_000,
      application_name: "accord-registry",
      // Every connection resolves table names in Accord's schema only.
      options: `-c search_path=${schema}`,
    });
  } catch (err) {
    throw openFailure(description, (err as Error).message);
  }
  // A connection dropped while idle (server restart, network) is removed by the pool; without a
  // listener the 'error' event would crash the process.
  pool.on("error", () => undefined);
  const purges = new PurgeListener(options.url, schema);
  try {
    await migrate(pool, schema);
    await purges.start();
  } catch (err) {
    await purges.close();
    await pool.end().catch(() => undefined);
    if (err instanceof AccordFailure) throw err;
    throw openFailure(description, errorText(err));
  }
  return new PostgresStore(pool, description, schema, purges);
}

async function migrate(pool: pg.Pool, schema: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY.toString()]);
    try {
      // Only when missing: CREATE SCHEMA needs a privilege on the database that a role owning
      // just its schema (a common managed-database set-up) does not have, IF NOT EXISTS or not.
      const existing = await client.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schema]);
      if (existing.rowCount === 0) await client.query(`CREATE SCHEMA ${schema}`);
      await client.query(
        "CREATE TABLE IF NOT EXISTS accord_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
      );
      const { rows } = await client.query<{ current: number | null }>(
        "SELECT max(version) AS current FROM accord_migrations",
      );
      const current = rows[0]?.current ?? 0;
      const latest = POSTGRES_MIGRATIONS.at(-1)?.version ?? 0;
      if (current > latest) {
        throw new Error(
          `database schema version ${current} is newer than this Accord understands (${latest}); upgrade Accord`,
        );
      }
      for (const migration of POSTGRES_MIGRATIONS) {
        if (migration.version <= current) continue;
        await client.query("BEGIN");
        try {
          await client.query(migration.sql);
          await client.query("INSERT INTO accord_migrations (version, name) VALUES ($1, $2)", [
            migration.version,
            migration.name,
          ]);
          await client.query("COMMIT");
        } catch (err) {
          await client.query("ROLLBACK").catch(() => undefined);
          throw err;
        }
      }
    } finally {
      await client
        .query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY.toString()])
        .catch(() => undefined);
    }
  } finally {
    client.release();
  }
}

interface PendingRegistration {
  readonly request: RegisterRequest;
  readonly resolve: (result: Result<RegisterOutcome>) => void;
  readonly reject: (err: unknown) => void;
}

/**
 * The registry store on PostgreSQL, for several `accord serve` instances on one database.
 *
 * Every write runs in a READ COMMITTED transaction that first takes transaction-scoped advisory
 * locks on the subjects it touches (its own and those its references name), in one global order,
 * so two instances never interleave writes to a subject and never deadlock on each other. Schema
 * ids come from a one-row counter locked after them; every change to the set of schemas (create
 * or purge) holds it, so once a registration batch has it, the schemas it reads stay true until
 * COMMIT, and a schema another instance created before is found and its id reused. Unique keys on
 * (subject, version), fingerprint and id back all of this up; a transaction that trips one (or a
 * serialization failure or deadlock) is rolled back and run again.
 */
export class PostgresStore implements RegistryStore {
  readonly description: string;
  private readonly pool: pg.Pool;
  private readonly schema: string;
  private readonly purges: PurgeListener;
  private pending: PendingRegistration[] = [];
  private flushing: Promise<void> | undefined;
  private closed = false;

  constructor(pool: pg.Pool, description: string, schema: string, purges: PurgeListener) {
    this.pool = pool;
    this.description = description;
    this.schema = schema;
    this.purges = purges;
  }

  /** Other instances' permanent deletes (and this one's), once committed. */
  onPurge(listener: () => void): void {
    this.purges.onPurge(listener);
  }

  async listSubjects(options: { deleted: boolean; prefix?: string }): Promise<string[]> {
    const prefix = options.prefix ?? "";
    // PostgreSQL text cannot hold U+0000 and no subject contains one: nothing can match.
    if (prefix.includes("\u0000")) return [];
    const rows = await this.read<{ subject: string }>(
      this.pool,
      `SELECT DISTINCT subject FROM subject_versions
       WHERE left(subject, length($1)) = $1 ${options.deleted ? "" : "AND NOT deleted"}
       ORDER BY subject`,
      [prefix],
    );
    return rows.map((row) => row.subject);
  }

  async subjectVersions(subject: string): Promise<SubjectVersion[]> {
    return (await this.versionRows(this.pool, subject)).map(toSubjectVersion);
  }

  async getVersion(subject: string, version: number): Promise<SubjectVersion | undefined> {
    const row = await this.versionRow(this.pool, subject, version);
    return row ? toSubjectVersion(row) : undefined;
  }

  async findSchemaInSubject(subject: string, fingerprint: string): Promise<SubjectVersion[]> {
    const rows = await this.read<VersionRow>(
      this.pool,
      `SELECT ${VERSION_COLUMNS} WHERE s.fingerprint = $1 AND sv.subject = $2 ORDER BY sv.version`,
      [fingerprint, subject],
    );
    return rows.map(toSubjectVersion);
  }

  async subjectState(subject: string): Promise<SubjectSnapshot> {
    const rows = await this.read<{ version: number; deleted: boolean }>(
      this.pool,
      "SELECT version, deleted FROM subject_versions WHERE subject = $1 ORDER BY version",
      [subject],
    );
    return snapshotOf(rows);
  }

  async latestVersion(subject: string, options: { deleted: boolean }): Promise<SubjectVersion | undefined> {
    const rows = await this.read<VersionRow>(
      this.pool,
      `SELECT ${VERSION_COLUMNS} WHERE sv.subject = $1 ${options.deleted ? "" : "AND NOT sv.deleted"}
       ORDER BY sv.version DESC LIMIT 1`,
      [subject],
    );
    return rows[0] ? toSubjectVersion(rows[0]) : undefined;
  }

  async schemaById(id: number, context: string): Promise<StoredSchema | undefined> {
    const rows = await this.read<SchemaRow>(
      this.pool,
      `SELECT ${SCHEMA_COLUMNS} FROM schemas WHERE context = $1 AND id = $2`,
      [context, id],
    );
    return rows[0] ? toStoredSchema(rows[0]) : undefined;
  }

  async maxSchemaId(context: string): Promise<number> {
    const rows = await this.read<{ max: number | null }>(
      this.pool,
      "SELECT max(id) AS max FROM schemas WHERE context = $1",
      [context],
    );
    return rows[0]?.max ?? 0;
  }

  async schemasByFingerprintPrefix(prefix: string): Promise<StoredSchema[]> {
    const rows = await this.read<SchemaRow>(
      this.pool,
      `SELECT ${SCHEMA_COLUMNS} FROM schemas WHERE fingerprint = (
         SELECT min(fingerprint) FROM schemas WHERE fingerprint >= $1 AND fingerprint < $2
       )`,
      prefixRange(prefix),
    );
    const order = sortContexts(rows.map((row) => row.context));
    return order.flatMap((context) => rows.filter((row) => row.context === context).map(toStoredSchema));
  }

  async listContexts(): Promise<string[]> {
    const rows = await this.read<{ context: string }>(this.pool, "SELECT context FROM schema_id_counter");
    return sortContexts(rows.map((row) => row.context));
  }

  async schemaByFingerprint(fingerprint: string, context: string): Promise<StoredSchema | undefined> {
    const rows = await this.read<SchemaRow>(
      this.pool,
      `SELECT ${SCHEMA_COLUMNS} FROM schemas WHERE context = $1 AND fingerprint = $2`,
      [context, fingerprint],
    );
    return rows[0] ? toStoredSchema(rows[0]) : undefined;
  }

  async usagesOfSchema(id: number, context: string, options: { deleted: boolean }): Promise<SchemaUsage[]> {
    return this.read<SchemaUsage>(
      this.pool,
      `SELECT subject, version, deleted FROM subject_versions
       WHERE context = $1 AND schema_id = $2 ${options.deleted ? "" : "AND NOT deleted"} ORDER BY subject, version`,
      [context, id],
    );
  }

  async referencedBy(subject: string, version: number, options: { deleted: boolean }): Promise<number[]> {
    return this.referrers(this.pool, subject, version, options.deleted, null);
  }

  /**
   * Queues the registration; registrations queued while a batch is being written are committed
   * together in the next one: read once, decided in memory one after another (a refused one
   * changes nothing), written in one statement, one COMMIT (one WAL flush) for all.
   * Resolves after COMMIT.
   */
  register(request: RegisterRequest): Promise<Result<RegisterOutcome>> {
    if (this.closed) return Promise.reject(closedFailure());
    return new Promise((resolve, reject) => {
      this.pending.push({ request, resolve, reject });
      if (!this.flushing) this.flushing = new Promise((done) => setImmediate(done)).then(() => this.drain());
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, MAX_BATCH);
        await this.writeBatch(batch);
      }
    } finally {
      this.flushing = undefined;
    }
  }

  private async writeBatch(batch: PendingRegistration[]): Promise<void> {
    const requests = batch.map((item) => item.request);
    const subjects = requests.flatMap((request) => [
      request.subject,
      ...request.schema.references.map((reference) =>
        referenceTarget(reference.subject, contextOf(request.subject)),
      ),
    ]);
    const contexts = [...new Set(requests.map((request) => contextOf(request.subject)))];
    let results: Result<RegisterOutcome>[];
    try {
      results = await this.transaction(subjects, async (client) => {
        // The subjects are locked, so their versions cannot change (nor their schemas be purged).
        const versions = await this.subjectRows(client, subjects);
        // A context's counter row is made on its first registration; an instance making the same
        // row waits here for this one to commit, then finds it.
        await this.read(
          client,
          "INSERT INTO schema_id_counter (context, next_id) SELECT unnest($1::text[]), 1 ON CONFLICT (context) DO NOTHING",
          [contexts],
        );
        // Locked after the subjects (the global order), and only for the last three round trips:
        // from here until COMMIT no other transaction creates or purges a schema, so the schemas
        // read next stay true, and every instance waits here in turn.
        const counter = await this.read<{ context: string; next_id: number }>(
          client,
          "SELECT context, next_id FROM schema_id_counter ORDER BY context FOR UPDATE",
        );
        const nextIds = new Map(counter.map((row) => [row.context, row.next_id]));
        const state = await this.batchState(client, requests, versions, nextIds);
        const outcomes = requests.map((request) => planRegistration(state, request));
        await this.writePlanned(client, state);
        return outcomes;
      });
    } catch (err) {
      for (const item of batch) item.reject(err);
      return;
    }
    batch.forEach((item, index) => {
      const result = results[index];
      if (result) item.resolve(result);
    });
  }

  private async subjectRows(
    client: pg.PoolClient,
    subjects: readonly string[],
  ): Promise<Map<string, VersionRow[]>> {
    const rows = await this.read<VersionRow>(
      client,
      `SELECT ${VERSION_COLUMNS} WHERE sv.subject = ANY($1::text[]) ORDER BY sv.subject, sv.version`,
      [[...new Set(subjects)]],
    );
    const versions = new Map<string, VersionRow[]>();
    for (const row of rows) {
      const list = versions.get(row.subject) ?? [];
      list.push(row);
      versions.set(row.subject, list);
    }
    return versions;
  }

  /** What the batch's registrations decide on: their subjects' rows and the schemas they name. */
  private async batchState(
    client: pg.PoolClient,
    requests: readonly RegisterRequest[],
    versions: Map<string, VersionRow[]>,
    nextIds: Map<string, number>,
  ): Promise<BatchState> {
    const imports = requests.filter((request) => request.importId !== undefined);
    const schemas = await this.read<SchemaRow>(
      client,
      `SELECT ${SCHEMA_COLUMNS} FROM schemas
       WHERE (context, fingerprint) IN (SELECT * FROM unnest($1::text[], $2::text[]))
          OR (context, id) IN (SELECT * FROM unnest($3::text[], $4::int[]))`,
      [
        requests.map((request) => contextOf(request.subject)),
        requests.map((request) => request.schema.fingerprint),
        imports.map((request) => contextOf(request.subject)),
        imports.map((request) => request.importId),
      ],
    );
    return {
      versions,
      byFingerprint: new Map(
        schemas.map((schema) => [inContext(schema.context, schema.fingerprint), schema]),
      ),
      byId: new Map(schemas.map((schema) => [inContext(schema.context, schema.id), schema])),
      nextIds,
      tombstones: [],
      newSchemas: [],
      newVersions: [],
    };
  }

  /**
   * The batch's rows and the counter in one statement (data-modifying CTEs): one round trip while
   * the counter is locked. Foreign keys are checked at the end of the statement, when the new
   * schemas are there.
   */
  private async writePlanned(client: pg.PoolClient, state: BatchState): Promise<void> {
    if (state.newVersions.length === 0) return;
    if (state.tombstones.length > 0) {
      // Older soft-deleted versions of a re-registered schema's id go, unless still referenced.
      await this.read(
        client,
        `DELETE FROM subject_versions sv
         WHERE (sv.subject, sv.version) IN (SELECT * FROM unnest($1::text[], $2::int[]))
           AND NOT EXISTS (
             SELECT 1 FROM schema_references r
             JOIN subject_versions u ON u.context = r.context AND u.schema_id = r.schema_id
             WHERE r.subject = sv.subject AND r.version = sv.version
           )`,
        [state.tombstones.map((row) => row.subject), state.tombstones.map((row) => row.version)],
      );
    }
    const references = state.newSchemas.flatMap((schema) =>
      schema.references.map((reference, position) => ({
        context: schema.row.context,
        id: schema.row.id,
        position,
        version: reference.version,
        subject: referenceTarget(reference.subject, schema.row.context),
      })),
    );
    await this.read(
      client,
      `WITH new_schemas AS (
         INSERT INTO schemas (context, id, fingerprint, schema, references_json, metadata_json, rule_set_json)
         SELECT * FROM unnest($15::text[], $1::int[], $2::text[], $3::text[], $4::text[], $13::text[], $14::text[])
       ), new_references AS (
         INSERT INTO schema_references (context, schema_id, position, subject, version)
         SELECT * FROM unnest($16::text[], $5::int[], $6::int[], $7::text[], $8::int[])
       ), new_versions AS (
         INSERT INTO subject_versions (subject, version, context, schema_id)
         SELECT * FROM unnest($9::text[], $10::int[], $17::text[], $11::int[])
       )
       UPDATE schema_id_counter c SET next_id = n.next_id
       FROM unnest($18::text[], $12::int[]) AS n (context, next_id) WHERE c.context = n.context`,
      [
        state.newSchemas.map((schema) => schema.row.id),
        state.newSchemas.map((schema) => schema.row.fingerprint),
        state.newSchemas.map((schema) => schema.row.schema),
        state.newSchemas.map((schema) => schema.row.references_json),
        references.map((reference) => reference.id),
        references.map((reference) => reference.position),
        references.map((reference) => reference.subject),
        references.map((reference) => reference.version),
        state.newVersions.map((row) => row.subject),
        state.newVersions.map((row) => row.version),
        state.newVersions.map((row) => row.id),
        [...state.nextIds.values()],
        state.newSchemas.map((schema) => schema.row.metadata_json),
        state.newSchemas.map((schema) => schema.row.rule_set_json),
        state.newSchemas.map((schema) => schema.row.context),
        references.map((reference) => reference.context),
        state.newVersions.map((row) => contextOf(row.subject)),
        [...state.nextIds.keys()],
      ],
    );
  }

  async softDeleteVersion(subject: string, version: number): Promise<Result<number>> {
    return this.transaction([subject], async (client) => {
      const found = await this.findVersion(client, subject, version);
      if (!found.ok) return found;
      if (found.value.deleted) {
        return fail(accordError("ACCORD_ERR_REGISTRY_VERSION_SOFT_DELETED", [version, subject]));
      }
      const referrers = await this.referrers(client, subject, version, false, null);
      if (referrers.length > 0) return referenced(subject, version, referrers);
      await this.markDeleted(client, subject, [version]);
      return ok(version);
    });
  }

  async hardDeleteVersion(subject: string, version: number): Promise<Result<number>> {
    return this.transaction([subject], async (client) => {
      const found = await this.findVersion(client, subject, version);
      if (!found.ok) return found;
      if (!found.value.deleted) {
        return fail(accordError("ACCORD_ERR_REGISTRY_VERSION_NOT_SOFT_DELETED", [version, subject]));
      }
      // Soft-deleted referrers still count: their ids must keep decoding, which needs this version.
      const referrers = await this.referrers(client, subject, version, true, null);
      if (referrers.length > 0) return referenced(subject, version, referrers);
      await client.query("DELETE FROM subject_versions WHERE subject = $1 AND version = $2", [
        subject,
        version,
      ]);
      await this.purgeSchemas(client, found.value.context, [found.value.id]);
      return ok(version);
    });
  }

  async softDeleteSubject(subject: string): Promise<Result<number[]>> {
    return this.transaction([subject], async (client) => {
      const rows = await this.versionRows(client, subject);
      if (rows.length === 0) return fail(accordError("ACCORD_ERR_REGISTRY_SUBJECT_NOT_FOUND", [subject]));
      const live = rows.filter((row) => !row.deleted).map((row) => row.version);
      if (live.length === 0) return fail(accordError("ACCORD_ERR_REGISTRY_SUBJECT_SOFT_DELETED", [subject]));
      for (const version of live) {
        // Referrers inside this subject are being deleted with it.
        const referrers = await this.referrers(client, subject, version, false, subject);
        if (referrers.length > 0) return referenced(subject, version, referrers);
      }
      await this.markDeleted(client, subject, live);
      return ok(live);
    });
  }

  async hardDeleteSubject(subject: string): Promise<Result<number[]>> {
    return this.transaction([subject], async (client) => {
      const rows = await this.versionRows(client, subject);
      if (rows.length === 0) return fail(accordError("ACCORD_ERR_REGISTRY_SUBJECT_NOT_FOUND", [subject]));
      if (rows.some((row) => !row.deleted)) {
        return fail(accordError("ACCORD_ERR_REGISTRY_SUBJECT_NOT_SOFT_DELETED", [subject]));
      }
      for (const row of rows) {
        const referrers = await this.referrers(client, subject, row.version, true, subject);
        if (referrers.length > 0) return referenced(subject, row.version, referrers);
      }
      await client.query("DELETE FROM subject_versions WHERE subject = $1", [subject]);
      await this.purgeSchemas(client, contextOf(subject), [...new Set(rows.map((row) => row.id))]);
      await client.query("DELETE FROM config WHERE scope = $1", [subject]);
      await client.query("DELETE FROM mode WHERE scope = $1", [subject]);
      return ok(rows.map((row) => row.version));
    });
  }

  async getConfig(subject: string | null): Promise<StoredConfig | undefined> {
    const rows = await this.read<ConfigRow>(
      this.pool,
      "SELECT compatibility, normalize, contract_json FROM config WHERE scope = $1",
      [scopeOf(subject)],
    );
    return rows[0] ? toConfig(rows[0]) : undefined;
  }

  async setConfig(subject: string | null, config: StoredConfig): Promise<void> {
    await this.read(
      this.pool,
      `INSERT INTO config (scope, compatibility, normalize, contract_json) VALUES ($1, $2, $3, $4)
       ON CONFLICT (scope) DO UPDATE SET compatibility = EXCLUDED.compatibility, normalize = EXCLUDED.normalize,
         contract_json = EXCLUDED.contract_json`,
      [scopeOf(subject), ...configColumns(config)],
    );
  }

  async deleteConfig(subject: string | null): Promise<StoredConfig | undefined> {
    const rows = await this.read<ConfigRow>(
      this.pool,
      "DELETE FROM config WHERE scope = $1 RETURNING compatibility, normalize, contract_json",
      [scopeOf(subject)],
    );
    return rows[0] ? toConfig(rows[0]) : undefined;
  }

  async getMode(subject: string | null): Promise<RegistryMode | undefined> {
    const rows = await this.read<{ mode: string }>(this.pool, "SELECT mode FROM mode WHERE scope = $1", [
      scopeOf(subject),
    ]);
    return rows[0]?.mode as RegistryMode | undefined;
  }

  async setMode(subject: string | null, mode: RegistryMode): Promise<void> {
    await this.read(
      this.pool,
      "INSERT INTO mode (scope, mode) VALUES ($1, $2) ON CONFLICT (scope) DO UPDATE SET mode = EXCLUDED.mode",
      [scopeOf(subject), mode],
    );
  }

  async deleteMode(subject: string | null): Promise<RegistryMode | undefined> {
    const rows = await this.read<{ mode: string }>(
      this.pool,
      "DELETE FROM mode WHERE scope = $1 RETURNING mode",
      [scopeOf(subject)],
    );
    return rows[0]?.mode as RegistryMode | undefined;
  }

  /** Lets queued registrations commit, then closes every connection. */
  async listConsumers(subject?: string): Promise<StoredConsumer[]> {
    const columns = "SELECT subject, consumer, declaration FROM consumer_reads";
    const rows =
      subject === undefined
        ? await this.read<ConsumerRow>(this.pool, `${columns} ORDER BY subject, consumer`)
        : await this.read<ConsumerRow>(this.pool, `${columns} WHERE subject = $1 ORDER BY consumer`, [
            subject,
          ]);
    return rows.map(toStoredConsumer);
  }

  async putConsumer(consumer: StoredConsumer): Promise<"created" | "updated" | "unchanged"> {
    const text = declarationText(consumer);
    // One statement decides and writes: the CTE sees the row as it was before the upsert.
    const rows = await this.read<{ before: string | null }>(
      this.pool,
      `WITH previous AS (SELECT declaration FROM consumer_reads WHERE subject = $1 AND consumer = $2),
       upsert AS (
         INSERT INTO consumer_reads (subject, consumer, declaration) VALUES ($1, $2, $3)
         ON CONFLICT (subject, consumer) DO UPDATE SET declaration = EXCLUDED.declaration
         WHERE consumer_reads.declaration IS DISTINCT FROM EXCLUDED.declaration
       )
       SELECT (SELECT declaration FROM previous) AS before`,
      [consumer.subject, consumer.consumer, text],
    );
    const before = rows[0]?.before ?? null;
    return before === null ? "created" : before === text ? "unchanged" : "updated";
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    while (this.flushing) await this.flushing;
    await this.purges.close();
    await this.pool.end();
  }

  /**
   * Runs `work` in a transaction holding the advisory locks of `subjects`, again from the start
   * when PostgreSQL reports a conflict that a rerun resolves. Resolves only after COMMIT returned,
   * i.e. once the write is in the WAL on disk (with the default synchronous_commit).
   */
  private async transaction<T>(
    subjects: readonly string[],
    work: (client: pg.PoolClient) => Promise<T>,
  ): Promise<T> {
    const keys = lockKeys(subjects);
    for (let attempt = 1; ; attempt++) {
      const client = await this.connect();
      let broken = false;
      try {
        await client.query("BEGIN");
        await client.query("SELECT pg_advisory_xact_lock(k) FROM unnest($1::bigint[]) AS k", [keys]);
        const result = await work(client);
        await client.query("COMMIT");
        return result;
      } catch (err) {
        broken = isConnectionLost(err);
        if (!broken) await client.query("ROLLBACK").catch(() => undefined);
        if (isRetryable(err) && attempt < MAX_TRANSACTION_ATTEMPTS) {
          await sleep(5 * attempt * Math.random());
          continue;
        }
        throw toFailure(err);
      } finally {
        client.release(broken);
      }
    }
  }

  private async connect(): Promise<pg.PoolClient> {
    try {
      return await this.pool.connect();
    } catch (err) {
      throw toFailure(err);
    }
  }

  private async read<R extends object>(db: Queryable, sql: string, values: unknown[] = []): Promise<R[]> {
    try {
      // Named, so each connection parses and plans a statement once, not on every request.
      return (await db.query<R & pg.QueryResultRow>({ name: statementName(sql), text: sql, values })).rows;
    } catch (err) {
      // Inside a transaction the caller decides (retry or fail); on the pool this is the answer.
      if (db !== this.pool) throw err;
      throw toFailure(err);
    }
  }

  private versionRows(db: Queryable, subject: string): Promise<VersionRow[]> {
    return this.read<VersionRow>(db, `SELECT ${VERSION_COLUMNS} WHERE sv.subject = $1 ORDER BY sv.version`, [
      subject,
    ]);
  }

  private async versionRow(db: Queryable, subject: string, version: number): Promise<VersionRow | undefined> {
    const rows = await this.read<VersionRow>(
      db,
      `SELECT ${VERSION_COLUMNS} WHERE sv.subject = $1 AND sv.version = $2`,
      [subject, version],
    );
    return rows[0];
  }

  private async findVersion(
    client: pg.PoolClient,
    subject: string,
    version: number,
  ): Promise<Result<VersionRow>> {
    const row = await this.versionRow(client, subject, version);
    if (row) return ok(row);
    const any = await this.read(client, "SELECT 1 FROM subject_versions WHERE subject = $1 LIMIT 1", [
      subject,
    ]);
    if (any.length === 0) return fail(accordError("ACCORD_ERR_REGISTRY_SUBJECT_NOT_FOUND", [subject]));
    return fail(accordError("ACCORD_ERR_REGISTRY_VERSION_NOT_FOUND", [version, subject]));
  }

  private async markDeleted(
    client: pg.PoolClient,
    subject: string,
    versions: readonly number[],
  ): Promise<void> {
    await client.query(
      "UPDATE subject_versions SET deleted = TRUE WHERE subject = $1 AND version = ANY($2::int[])",
      [subject, versions],
    );
  }

  /**
   * Schemas no subject version uses any more go, with their reference rows. Under the counter
   * lock, like every change to the set of schemas, so a registration batch (which holds it) never
   * reuses an id that is being purged.
   */
  private async purgeSchemas(client: pg.PoolClient, context: string, ids: readonly number[]): Promise<void> {
    await client.query("SELECT next_id FROM schema_id_counter ORDER BY context FOR UPDATE");
    await client.query(
      `DELETE FROM schemas s WHERE s.context = $1 AND s.id = ANY($2::int[])
       AND NOT EXISTS (SELECT 1 FROM subject_versions sv WHERE sv.context = s.context AND sv.schema_id = s.id)`,
      [context, ids],
    );
    // Delivered when the transaction commits, to every instance listening (see postgres-changes.ts).
    await client.query("SELECT pg_notify($1, $2)", [PURGE_CHANNEL, this.schema]);
  }

  /** Referrers count only while some version (outside `excluded`) still uses them. */
  private async referrers(
    db: Queryable,
    subject: string,
    version: number,
    deleted: boolean,
    excluded: string | null,
  ): Promise<number[]> {
    const rows = await this.read<{ schema_id: number }>(
      db,
      `SELECT DISTINCT r.schema_id FROM schema_references r
       JOIN subject_versions sv ON sv.context = r.context AND sv.schema_id = r.schema_id
       WHERE r.subject = $1 AND r.version = $2 AND (NOT sv.deleted OR $3::boolean)
         AND ($4::text IS NULL OR sv.subject <> $4::text)
       ORDER BY r.schema_id`,
      [subject, version, deleted, excluded],
    );
    return rows.map((row) => row.schema_id);
  }
}

const statementNames = new Map<string, string>();

/** A stable name per SQL text; the texts are constants of this module, so the map stays small. */
function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (name === undefined) {
    name = `accord_${createHash("sha256").update(sql).digest("hex").slice(0, 24)}`;
    statementNames.set(sql, name);
  }
  return name;
}

/** What a batch of registrations reads once and then decides on in memory, plus what it will write. */
interface BatchState {
  /** Rows of every subject the batch touches (its own and referenced ones), by version. */
  readonly versions: Map<string, VersionRow[]>;
  /** Schemas by `inContext(context, fingerprint)` and `inContext(context, id)`. */
  readonly byFingerprint: Map<string, SchemaRow>;
  readonly byId: Map<string, SchemaRow>;
  /** The next id of each context's counter (every context of the batch has a row). */
  readonly nextIds: Map<string, number>;
  readonly tombstones: { subject: string; version: number }[];
  readonly newSchemas: { row: SchemaRow; references: readonly SchemaReference[] }[];
  readonly newVersions: { subject: string; version: number; id: number }[];
}

/** A key of a schema within its context: ids and fingerprints are unique per context only. */
function inContext(context: string, key: string | number): string {
  return `${context}\u0000${key}`;
}

/**
 * One registration decided against the batch state, which already includes the registrations
 * before it in the batch (so two in one subject see each other). Changes the state only when it
 * succeeds: a refused registration writes nothing and leaves the others intact.
 */
function planRegistration(state: BatchState, request: RegisterRequest): Result<RegisterOutcome> {
  const { subject, schema } = request;
  const context = contextOf(subject);
  const rows = state.versions.get(subject) ?? [];
  const decided = decideRegistration(request, {
    versions: rows,
    referenceLive: (name, version) => {
      const target = state.versions.get(name)?.find((row) => row.version === version);
      return target !== undefined && !target.deleted;
    },
    schemaByFingerprint: (fingerprint) => state.byFingerprint.get(inContext(context, fingerprint)),
    schemaById: (id) => state.byId.get(inContext(context, id)),
  });
  if (!decided.ok) return decided;
  if (decided.value.kind !== "create") return ok(decided.value);
  const { version, tombstone } = decided.value;
  for (const old of tombstone) state.tombstones.push({ subject, version: old });

  let stored = state.byFingerprint.get(inContext(context, schema.fingerprint));
  if (!stored) {
    const next = state.nextIds.get(context) ?? 1;
    const id = request.importId ?? next;
    // Later ids continue above an imported one.
    state.nextIds.set(context, Math.max(next, id + 1));
    const [metadata, ruleSet] = contractColumns(schema);
    stored = {
      context,
      id,
      fingerprint: schema.fingerprint,
      schema: schema.schema,
      references_json: JSON.stringify(schema.references),
      metadata_json: metadata,
      rule_set_json: ruleSet,
    };
    state.byFingerprint.set(inContext(context, stored.fingerprint), stored);
    state.byId.set(inContext(context, id), stored);
    state.newSchemas.push({ row: stored, references: schema.references });
  }
  const row: VersionRow = { ...stored, subject, version, deleted: false };
  state.versions.set(
    subject,
    [...rows.filter((kept) => !tombstone.includes(kept.version)), row].sort((a, b) => a.version - b.version),
  );
  state.newVersions.push({ subject, version, id: stored.id });
  return ok({ kind: "created", id: stored.id, version });
}

const SCHEMA_COLUMNS = schemaColumns();
const VERSION_COLUMNS = `sv.subject, sv.version, sv.deleted, ${schemaColumns("s.")} FROM subject_versions sv JOIN schemas s ON s.context = sv.context AND s.id = sv.schema_id`;

/**
 * Advisory-lock keys for subjects: 64-bit, from a hash with this store's namespace, deduplicated
 * and sorted, so every transaction takes its locks in one global order (no deadlock between
 * instances, even if two subjects' keys collide).
 */
export function lockKeys(subjects: readonly string[]): string[] {
  const keys = new Set<bigint>();
  for (const subject of subjects) {
    const digest = createHash("sha256").update(LOCK_NAMESPACE).update("\u0000").update(subject).digest();
    keys.add(digest.readBigInt64BE(0));
  }
  return [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map(String);
}

/** The URL without its password, plus the schema when not the default. */
export function describeUrl(url: string, schema?: string): string {
  const suffix = schema === undefined || schema === "public" ? "" : ` (schema ${schema})`;
  try {
    const parsed = new URL(url);
    parsed.password = "";
    parsed.search = "";
    return `${parsed.toString()}${suffix}`;
  } catch {
    return `postgres (unparsable URL)${suffix}`;
  }
}

function scopeOf(subject: string | null): string {
  return subject ?? "";
}

function sqlState(err: unknown): string | undefined {
  return err instanceof pg.DatabaseError ? err.code : undefined;
}

function isRetryable(err: unknown): boolean {
  const code = sqlState(err);
  return code !== undefined && RETRYABLE.has(code);
}

/** The connection is unusable (server gone, network cut): the pool must not hand it out again. */
function isConnectionLost(err: unknown): boolean {
  if (err instanceof pg.DatabaseError) return (err.code ?? "").startsWith("08") || err.code === "57P01";
  return err instanceof Error && !(err instanceof AccordFailure);
}

/** Store failures become table errors (50001/50002) naming the cause, never SQL or credentials. */
function toFailure(err: unknown): AccordFailure {
  if (err instanceof AccordFailure) return err;
  return storeFailure(err);
}

function storeFailure(err: unknown): AccordFailure {
  const code = sqlState(err);
  // 57014: statement_timeout; 55P03: lock_not_available.
  if (
    code === "57014" ||
    code === "55P03" ||
    /timeout exceeded when trying to connect/i.test(errorText(err))
  ) {
    return new AccordFailure(
      accordError("ACCORD_ERR_REGISTRY_STORE_TIMEOUT", [`PostgreSQL: ${errorText(err)}`]),
    );
  }
  return new AccordFailure(accordError("ACCORD_ERR_REGISTRY_STORE", [`PostgreSQL: ${errorText(err)}`]));
}

function errorText(err: unknown): string {
  if (err instanceof pg.DatabaseError) return `${err.code ?? "?"} ${err.message}`;
  const node = err as NodeJS.ErrnoException;
  if (typeof node?.code === "string" && typeof node.message === "string")
    return `${node.code} ${node.message}`;
  return err instanceof Error ? err.message : String(err);
}

function closedFailure(): AccordFailure {
  return new AccordFailure(accordError("ACCORD_ERR_REGISTRY_STORE", ["the store is closed"]));
}

function openFailure(description: string, reason: string): AccordFailure {
  return new AccordFailure(accordError("ACCORD_ERR_REGISTRY_STORE_OPEN", [description, reason]));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
