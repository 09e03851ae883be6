import type { Result } from "../../contracts/errors.js";
import type { DataContractConfig, Metadata, RuleSet } from "../data-contracts.js";
import type { CompatibilityLevel, RegistryMode, SchemaReference } from "../model.js";

/**
 * Persistence for the registry. Every implementation (SQLite now, PostgreSQL later) must pass the
 * conformance suite in test/registry/store/conformance.ts.
 *
 * Rules that protect stored data (soft before hard delete, nothing referenced is deleted, versions
 * never reused, one version per schema per subject) are enforced inside the store's own
 * transactions, because a check made by the caller before an await could be stale by the time the
 * write happens. Policy that needs no atomicity (modes, compatibility, schema validation) stays in
 * the service.
 */
export interface RegistryStore {
  /** A short name for logs and the health endpoint, e.g. `sqlite:/data/accord.db`. */
  readonly description: string;

  /**
   * Subjects with at least one live version (or any stored version with `deleted`), sorted.
   * Subjects are stored by qualified name (`:.ctx:orders` in context `.ctx`, see contexts.ts), so
   * `prefix` is a plain prefix of that name.
   */
  listSubjects(options: { readonly deleted: boolean; readonly prefix?: string }): Promise<string[]>;

  /** Every stored version of a subject, soft-deleted included, oldest first. Empty if none. */
  subjectVersions(subject: string): Promise<SubjectVersion[]>;

  /** One stored version (soft-deleted included; the caller decides what to show). */
  getVersion(subject: string, version: number): Promise<SubjectVersion | undefined>;

  /** Versions of the subject (soft-deleted included) whose schema has this fingerprint, oldest first. */
  findSchemaInSubject(subject: string, fingerprint: string): Promise<SubjectVersion[]>;

  /** Version numbers only: what a registration checks against and passes back as `expected`. */
  subjectState(subject: string): Promise<SubjectSnapshot>;

  /** The highest live version, or with `deleted` the highest stored one. */
  latestVersion(subject: string, options: { readonly deleted: boolean }): Promise<SubjectVersion | undefined>;

  /** Schema ids are scoped per context: `context` is `.` (the default context) or `.name`. */
  schemaById(id: number, context: string): Promise<StoredSchema | undefined>;

  schemaByFingerprint(fingerprint: string, context: string): Promise<StoredSchema | undefined>;

  /** The highest schema id stored in the context, 0 for none (`GET /schemas/ids/{id}?fetchMaxId=true`). */
  maxSchemaId(context: string): Promise<number>;

  /**
   * The schemas whose fingerprint starts with `prefix`, one per context (default context first,
   * then by context name): how GUIDs are found, since one schema has one GUID in every context.
   */
  schemasByFingerprintPrefix(prefix: string): Promise<StoredSchema[]>;

  /** Contexts that ever held a schema (the default context `.` always), sorted. */
  listContexts(): Promise<string[]>;

  /** Where a schema id of the context is used, by subject then version. */
  usagesOfSchema(id: number, context: string, options: { readonly deleted: boolean }): Promise<SchemaUsage[]>;

  /** Ids of schemas whose references name this subject version; with `deleted`, also ones used only by soft-deleted versions. */
  referencedBy(subject: string, version: number, options: { readonly deleted: boolean }): Promise<number[]>;

  /**
   * Registers a schema in a subject in one transaction (which may be shared with other
   * registrations: the promise resolves only once the write is durable). Returns the existing version when a live
   * version of the subject already has this fingerprint, else writes the schema (or reuses its id)
   * and the next version. `expected` is the subject state the caller checked compatibility
   * against: if the subject changed since, nothing is written and the outcome is `stale`.
   */
  register(request: RegisterRequest): Promise<Result<RegisterOutcome>>;

  softDeleteVersion(subject: string, version: number): Promise<Result<number>>;
  hardDeleteVersion(subject: string, version: number): Promise<Result<number>>;
  /** Returns the versions that were deleted. */
  softDeleteSubject(subject: string): Promise<Result<number[]>>;
  /** Removes the subject's versions, config and mode; schemas no longer used anywhere go too. */
  hardDeleteSubject(subject: string): Promise<Result<number[]>>;

  /** `null` is the global scope. */
  getConfig(subject: string | null): Promise<StoredConfig | undefined>;
  setConfig(subject: string | null, config: StoredConfig): Promise<void>;
  /** Returns the config that was removed, if any. */
  deleteConfig(subject: string | null): Promise<StoredConfig | undefined>;

  getMode(subject: string | null): Promise<RegistryMode | undefined>;
  setMode(subject: string | null, mode: RegistryMode): Promise<void>;
  deleteMode(subject: string | null): Promise<RegistryMode | undefined>;

  /** Consumer declarations (Accord's `/accord/v1/...` resource), by subject then consumer. */
  listConsumers(subject?: string): Promise<StoredConsumer[]>;
  /** Creates or replaces one consumer's declaration for a subject. */
  putConsumer(consumer: StoredConsumer): Promise<"created" | "updated" | "unchanged">;

  /**
   * Calls `listener` after schemas may have been permanently deleted by another writer of the same
   * database (PostgreSQL instances), so caches of schemas by id can be dropped. A store with a
   * single writer (SQLite) never calls it: the service drops its caches on its own deletes.
   */
  onPurge(listener: () => void): void;

  close(): Promise<void>;
}

/** What a consuming service reads of a subject, pinned to the version it was built against. */
export interface StoredConsumer {
  readonly subject: string;
  readonly consumer: string;
  readonly reads: readonly string[];
  readonly version: number;
}

export interface StoredSchema {
  /** The context the id belongs to: `.` or `.name`. */
  readonly context: string;
  readonly id: number;
  readonly schemaType: "JSON";
  /** The schema text as returned to clients (compact JSON). */
  readonly schema: string;
  readonly references: readonly SchemaReference[];
  /** Identity of (canonical schema, references, metadata, rule set); equal fingerprints share an id. */
  readonly fingerprint: string;
  readonly metadata?: Metadata;
  readonly ruleSet?: RuleSet;
}

export interface SubjectVersion {
  readonly subject: string;
  readonly version: number;
  readonly deleted: boolean;
  readonly schema: StoredSchema;
}

export interface SchemaUsage {
  readonly subject: string;
  readonly version: number;
  readonly deleted: boolean;
}

export interface NewSchema {
  readonly schema: string;
  readonly fingerprint: string;
  readonly references: readonly SchemaReference[];
  readonly metadata?: Metadata;
  readonly ruleSet?: RuleSet;
}

/** The subject state a registration was checked against. */
export interface SubjectSnapshot {
  /** Highest stored version (soft-deleted included), 0 for none. */
  readonly maxVersion: number;
  /** Live versions, ascending. */
  readonly live: readonly number[];
}

export interface RegisterRequest {
  readonly subject: string;
  readonly schema: NewSchema;
  readonly expected: SubjectSnapshot;
  /** IMPORT mode: keep the client's id (and version, when given). */
  readonly importId?: number;
  /** The version the client asked for: in IMPORT any free one, otherwise only the next one. */
  readonly version?: number;
}

export type RegisterOutcome =
  | { readonly kind: "existing"; readonly id: number; readonly version: number }
  | { readonly kind: "created"; readonly id: number; readonly version: number }
  /** The subject changed after `expected` was read: re-read, re-check, retry. */
  | { readonly kind: "stale" };

export interface StoredConfig extends DataContractConfig {
  readonly compatibility?: CompatibilityLevel;
  readonly normalize?: boolean;
  /** Stored and returned for Confluent clients; Accord's checks do not depend on them. */
  readonly compatibilityPolicy?: string;
  readonly validateFields?: boolean;
  readonly alias?: string;
}
