import type { CompatReport } from "../contracts/compat/types.js";
import { AccordFailure, accordError, unwrap } from "../contracts/errors.js";
import type { Json } from "../contracts/schema/types.js";
import { type IdentifyJob, runJob, type SchemaSource } from "./checks/job.js";
import type { CheckPool } from "./checks/pool.js";
import { compatMessages } from "./compat-messages.js";
import { contextOf, DEFAULT_CONTEXT, qualify, referenceTarget, splitQualified } from "./contexts.js";
import {
  type DataContract,
  type DataContractConfig,
  effectiveDataContract,
  groupOf,
  hasProperties,
  presentOrUndefined,
} from "./data-contracts.js";
import { KeyedLock } from "./keyed-lock.js";
import {
  COMPATIBILITY_LEVELS,
  type CompatibilityLevel,
  DEFAULT_COMPATIBILITY,
  DEFAULT_MODE,
  isCompatibilityLevel,
  isRegistryMode,
  REGISTRY_MODES,
  type RegistryMode,
  type SchemaReference,
} from "./model.js";
import { parseSubject, type VersionSelector } from "./params.js";
import type { ReferencedSchema } from "./references.js";
import {
  checkReferenceNames,
  type SchemaIdentity,
  type SchemaRequestBody,
  schemaIdentity,
} from "./schema-input.js";
import type { RegistryStore, StoredConfig, StoredSchema, SubjectVersion } from "./store/types.js";

/** A scope's config with every field the scope leaves unset taken from the global scope. */
export interface EffectiveConfig extends DataContractConfig {
  readonly compatibility: CompatibilityLevel;
  readonly normalize: boolean;
}

export interface Registered {
  readonly id: number;
  readonly version: number;
  readonly schema: StoredSchema;
}

export interface CompatibilityAnswer {
  readonly isCompatible: boolean;
  readonly messages: readonly string[];
}

/** Several registrations racing an outside writer; beyond this the request fails with 50002. */
const MAX_ATTEMPTS = 5;
/** Schemas by id as response text: the hottest read (every consumer decoding a message). */
const SCHEMA_TEXT_CACHE_SIZE = 10_000;
/**
 * Schema text up to this length is parsed and fingerprinted on the request loop (well under a
 * millisecond), where a round trip to a check worker would cost more than the work; longer text
 * goes to a worker.
 */
const IDENTIFY_IN_THREAD_CHARS = 16 * 1024;
/** References nested deeper than this are refused rather than followed. */
const MAX_REFERENCE_DEPTH = 32;

/**
 * The registry's behaviour over a store: modes, compatibility levels, validation and the
 * compatibility gate. Routes translate HTTP to these calls and back; nothing here knows HTTP.
 */
export class RegistryService {
  readonly store: RegistryStore;
  private readonly checks: CheckPool;
  private readonly lock = new KeyedLock();
  /** By `context` NUL `id`: ids are scoped per context. */
  private readonly schemaBodies = new Map<string, string>();

  /** `checks` runs validation, compiles and comparisons off the request loop. */
  constructor(store: RegistryStore, checks: CheckPool) {
    this.store = store;
    this.checks = checks;
    // Another instance on the same database purged schemas: ids this one cached may be gone.
    store.onPurge(() => this.forgetSchemas());
  }

  /** Loads the check workers now rather than on the first registration. */
  warm(): Promise<void> {
    return this.checks.warm();
  }

  /**
   * The subject's own settings, then its context's (`:.ctx:`, for a subject in a context other
   * than the default one), then the global ones, field by field.
   */
  async effectiveConfig(subject: string | null): Promise<EffectiveConfig> {
    const own = subject === null ? undefined : await this.store.getConfig(subject);
    const scope = contextScope(subject);
    const context = scope === undefined ? undefined : await this.store.getConfig(scope);
    const global = await this.store.getConfig(null);
    const contract: { -readonly [K in keyof DataContractConfig]: DataContractConfig[K] } = {};
    for (const field of DATA_CONTRACT_FIELDS) {
      const value = own?.[field] ?? context?.[field] ?? global?.[field];
      if (value !== undefined) Object.assign(contract, { [field]: value });
    }
    return {
      ...contract,
      compatibility:
        own?.compatibility ?? context?.compatibility ?? global?.compatibility ?? DEFAULT_COMPATIBILITY,
      normalize: own?.normalize ?? context?.normalize ?? global?.normalize ?? false,
    };
  }

  async effectiveMode(subject: string | null): Promise<RegistryMode> {
    const own = subject === null ? undefined : await this.store.getMode(subject);
    if (own) return own;
    const scope = contextScope(subject);
    const context = scope === undefined ? undefined : await this.store.getMode(scope);
    return context ?? (await this.store.getMode(null)) ?? DEFAULT_MODE;
  }

  async register(
    subject: string,
    body: SchemaRequestBody,
    normalize: boolean | undefined,
  ): Promise<Registered> {
    const mode = await this.effectiveMode(subject);
    if (mode === "READONLY") throw notPermitted(`Subject "${subject}" is in read-only mode.`);
    if (body.id !== undefined && mode !== "IMPORT") {
      throw notPermitted(
        `Registering with an explicit id is only allowed in IMPORT mode; subject "${subject}" is in ${mode} mode.`,
      );
    }
    if (body.id === undefined && mode === "IMPORT") {
      throw notPermitted(`Subject "${subject}" is in IMPORT mode: a registration must give the schema's id.`);
    }

    const references = await this.pinReferences(subject, body.references ?? []);
    const config = await this.effectiveConfig(subject);
    const contract = await this.contractFor(subject, body, config);
    const identity = await this.identify(subject, body, references, normalize ?? config.normalize, contract);

    // Idempotent, and answered without the lock: a schema the subject already has comes back
    // with its version, unchecked, whatever happened since.
    const existing = await this.liveVersionOf(subject, identity.fingerprint);
    if (existing && body.id !== undefined && existing.id !== body.id) {
      // Importing must keep the source registry's ids; answering with another would hide that.
      throw notPermitted(
        `The schema is already registered with id ${existing.id}; it cannot be imported again as id ${body.id}.`,
      );
    }
    if (existing) return existing;

    return this.lock.run(subject, async () => {
      const candidate = await this.candidate(subject, identity);
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const state = await this.store.subjectState(subject);
        const compared = body.id === undefined && state.live.length > 0 && config.compatibility !== "NONE";
        const history = compared ? await this.history(subject, config, identity.contract) : [];
        const { report, versions } = await this.check(candidate, history, config.compatibility);
        // Valid now, whatever a retry compares it with: later attempts need not compile it again.
        candidate.validated = true;
        if (report && report.verdict !== "compatible") {
          throw failure(
            "ACCORD_ERR_REGISTRY_INCOMPATIBLE",
            subject,
            `${config.compatibility}, ${report.verdict}`,
            compatMessages(report, versions).join("; "),
          );
        }
        const outcome = unwrap(
          await this.store.register({
            subject,
            schema: {
              schema: identity.text,
              fingerprint: identity.fingerprint,
              references: identity.references,
              ...identity.contract,
            },
            expected: state,
            ...(body.id === undefined ? {} : { importId: body.id }),
            ...(body.version === undefined ? {} : { version: body.version }),
          }),
        );
        if (outcome.kind === "stale") {
          // Only a writer outside this process (another instance on a shared store) makes a
          // snapshot stale; backing off with jitter keeps two instances from colliding again.
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * 2 ** attempt));
          continue;
        }
        const stored = await this.store.schemaById(outcome.id, contextOf(subject));
        return {
          id: outcome.id,
          version: outcome.version,
          schema: stored ?? fallbackSchema(contextOf(subject), outcome.id, identity),
        };
      }
      throw new AccordFailure(
        accordError("ACCORD_ERR_REGISTRY_STORE_TIMEOUT", [
          `subject "${subject}" kept changing while the registration was checked`,
        ]),
      );
    });
  }

  /**
   * `lookup`, and for a subject without a context that the default context does not answer, the
   * same name in each other context (Confluent's lookup does the same).
   */
  async lookupUsingContexts(
    subject: string,
    body: SchemaRequestBody,
    options: { readonly normalize: boolean | undefined; readonly deleted: boolean },
  ): Promise<SubjectVersion> {
    try {
      return await this.lookup(subject, body, options);
    } catch (err) {
      if (contextOf(subject) !== DEFAULT_CONTEXT || !(err instanceof AccordFailure)) throw err;
      if (
        !["ACCORD_ERR_REGISTRY_SUBJECT_NOT_FOUND", "ACCORD_ERR_REGISTRY_SCHEMA_NOT_FOUND"].includes(
          err.error.code,
        )
      ) {
        throw err;
      }
      for (const other of await this.store.listContexts()) {
        if (other === DEFAULT_CONTEXT) continue;
        const found = await this.lookup(qualify(other, subject), body, options).catch(() => undefined);
        if (found) return found;
      }
      throw err;
    }
  }

  /** The version of `subject` holding this schema (POST /subjects/{subject}). */
  async lookup(
    subject: string,
    body: SchemaRequestBody,
    options: { readonly normalize: boolean | undefined; readonly deleted: boolean },
  ): Promise<SubjectVersion> {
    const references = await this.pinReferences(subject, body.references ?? []);
    const config = await this.effectiveConfig(subject);
    const normalized = options.normalize ?? config.normalize;
    const contract = await this.contractFor(subject, body, config);
    const identity = await this.identify(subject, body, references, normalized, contract);
    let matches = await this.store.findSchemaInSubject(subject, identity.fingerprint);
    if (matches.length === 0 && !hasContract(body)) {
      // The client asked about the schema alone: any version with its text matches, whatever
      // metadata or rules that version carries.
      const bare = await this.identify(subject, body, references, normalized, {});
      matches = await this.versionsWithContent(subject, bare.fingerprint, normalized);
    }
    const match = matches.find((row) => !row.deleted) ?? (options.deleted ? matches[0] : undefined);
    if (match) return match;
    if (!(await this.store.latestVersion(subject, { deleted: options.deleted }))) {
      throw failure("ACCORD_ERR_REGISTRY_SUBJECT_NOT_FOUND", subject);
    }
    throw failure("ACCORD_ERR_REGISTRY_SCHEMA_NOT_FOUND", `Schema not found in subject "${subject}".`);
  }

  /**
   * POST /compatibility/...: `against` is one version, or "all" for every live version (then
   * the level decides whether only the latest counts, as at registration).
   */
  async testCompatibility(
    subject: string,
    against: VersionSelector | "all",
    body: SchemaRequestBody,
  ): Promise<CompatibilityAnswer> {
    const references = await this.pinReferences(subject, body.references ?? []);
    const config = await this.effectiveConfig(subject);
    const { compatibility } = config;
    const contract = await this.contractFor(subject, body, config);
    const identity = await this.identify(subject, body, references, config.normalize, contract);
    const rows = await this.store.subjectVersions(subject);
    const live = rows.filter((row) => !row.deleted);
    const group = inGroup(live, config, identity.contract);
    let history: SubjectVersion[];
    if (against === "all") history = compatibility.endsWith("_TRANSITIVE") ? group : group.slice(-1);
    else if (against === "latest") history = group.slice(-1);
    else {
      const row = rows.find((candidate) => candidate.version === against);
      if (live.length === 0) throw failure("ACCORD_ERR_REGISTRY_SUBJECT_NOT_FOUND", subject);
      if (!row || row.deleted) throw failure("ACCORD_ERR_REGISTRY_VERSION_NOT_FOUND", against, subject);
      history = [row];
    }
    const candidate = await this.candidate(subject, identity);
    const { report, versions } = await this.check(candidate, history, compatibility);
    if (!report) return { isCompatible: true, messages: [] };
    return { isCompatible: report.verdict === "compatible", messages: compatMessages(report, versions) };
  }

  /**
   * The body of GET /schemas/ids/{id}, serialised once per id. Ids never change meaning (a
   * permanent delete clears the cache, and a freed id is not handed out again), so entries stay
   * valid as long as this process is the store's only writer, which `accord serve` assumes.
   */
  async schemaByIdBody(
    id: number,
    subject: string | undefined,
    render: (schema: StoredSchema) => string,
  ): Promise<string | undefined> {
    const context = contextOf(subject ?? "");
    const key = `${context}\u0000${id}`;
    const cached = this.schemaBodies.get(key);
    if (cached !== undefined) return cached;
    const schema = await this.schemaForId(id, subject);
    if (!schema) return undefined;
    const body = render(schema);
    // An answer found in another context depends on the subject asked with: not cached.
    if (schema.context !== context) return body;
    if (this.schemaBodies.size >= SCHEMA_TEXT_CACHE_SIZE) {
      const oldest = this.schemaBodies.keys().next().value;
      if (oldest !== undefined) this.schemaBodies.delete(oldest);
    }
    this.schemaBodies.set(key, body);
    return body;
  }

  /**
   * The schema an id names, as Confluent resolves `GET /schemas/ids/{id}?subject=`: in the
   * subject's context (the default one without a subject). For a subject without a context that
   * the default context does not answer, the same name in each other context is tried (a version
   * of it using the id), so a consumer that knows only the plain topic subject still decodes
   * messages whose schemas were registered under a context.
   */
  async schemaForId(id: number, subject: string | undefined): Promise<StoredSchema | undefined> {
    const { context, name } = splitQualified(subject ?? "");
    const found = await this.store.schemaById(id, context);
    if (found || context !== DEFAULT_CONTEXT || name === "") return found;
    for (const other of await this.store.listContexts()) {
      if (other === DEFAULT_CONTEXT) continue;
      const usages = await this.store.usagesOfSchema(id, other, { deleted: true });
      if (usages.some((usage) => usage.subject === qualify(other, name))) {
        return this.store.schemaById(id, other);
      }
    }
    return undefined;
  }

  /**
   * A version for reading, as `resolveVersion`; a subject without a context that the default
   * context does not hold is looked for under the same name in each other context (Confluent's
   * reads by subject and version do the same, so references resolve from any context).
   */
  async resolveVersionUsingContexts(
    subject: string,
    selector: VersionSelector,
    deleted: boolean,
  ): Promise<SubjectVersion> {
    try {
      return await this.resolveVersion(subject, selector, deleted);
    } catch (err) {
      if (contextOf(subject) !== DEFAULT_CONTEXT) throw err;
      for (const other of await this.store.listContexts()) {
        if (other === DEFAULT_CONTEXT) continue;
        const found = await this.resolveVersion(qualify(other, subject), selector, deleted).catch(
          () => undefined,
        );
        if (found) return found;
      }
      throw err;
    }
  }

  /** A version for reading; soft-deleted ones only with `deleted`. */
  async resolveVersion(
    subject: string,
    selector: VersionSelector,
    deleted: boolean,
  ): Promise<SubjectVersion> {
    if (selector === "latest") {
      const row = await this.store.latestVersion(subject, { deleted });
      if (!row) throw failure("ACCORD_ERR_REGISTRY_SUBJECT_NOT_FOUND", subject);
      return row;
    }
    const row = await this.store.getVersion(subject, selector);
    if (row && (deleted || !row.deleted)) return row;
    const any = await this.store.latestVersion(subject, { deleted });
    if (!any) throw failure("ACCORD_ERR_REGISTRY_SUBJECT_NOT_FOUND", subject);
    throw failure("ACCORD_ERR_REGISTRY_VERSION_NOT_FOUND", selector, subject);
  }

  async deleteVersion(subject: string, selector: VersionSelector, permanent: boolean): Promise<number> {
    await this.assertWritable(subject);
    return this.lock.run(subject, async () => {
      let version: number;
      if (selector === "latest") {
        const row = await this.store.latestVersion(subject, { deleted: permanent });
        if (!row) throw failure("ACCORD_ERR_REGISTRY_SUBJECT_NOT_FOUND", subject);
        version = row.version;
      } else version = selector;
      if (!permanent) return unwrap(await this.store.softDeleteVersion(subject, version));
      const result = unwrap(await this.store.hardDeleteVersion(subject, version));
      this.forgetSchemas();
      return result;
    });
  }

  async deleteSubject(subject: string, permanent: boolean): Promise<number[]> {
    await this.assertWritable(subject);
    return this.lock.run(subject, async () => {
      if (!permanent) return unwrap(await this.store.softDeleteSubject(subject));
      const result = unwrap(await this.store.hardDeleteSubject(subject));
      this.forgetSchemas();
      return result;
    });
  }

  /** Validates a level name (any case) for PUT /config. */
  compatibilityLevel(value: string): CompatibilityLevel {
    const upper = value.toUpperCase();
    if (isCompatibilityLevel(upper)) return upper;
    throw failure("ACCORD_ERR_REGISTRY_COMPATIBILITY_INVALID", value, COMPATIBILITY_LEVELS.join(", "));
  }

  async updateConfig(subject: string | null, update: StoredConfig): Promise<StoredConfig> {
    const current = (await this.store.getConfig(subject)) ?? {};
    const next = { ...current, ...update };
    await this.store.setConfig(subject, next);
    return next;
  }

  async setMode(subject: string | null, requested: string, force: boolean): Promise<RegistryMode> {
    const mode = requested.toUpperCase();
    if (!isRegistryMode(mode))
      throw failure("ACCORD_ERR_REGISTRY_MODE_INVALID", requested, REGISTRY_MODES.join(", "));
    if (mode === "IMPORT" && !force) {
      // Importing next to live schemas could bind an incoming id to a different schema.
      // A context scope (`:.ctx:`) covers every subject in the context.
      const live =
        subject === null
          ? (await this.store.listSubjects({ deleted: false })).length > 0
          : splitQualified(subject).name === ""
            ? (await this.store.listSubjects({ deleted: false, prefix: subject })).length > 0
            : (await this.store.latestVersion(subject, { deleted: false })) !== undefined;
      if (live)
        throw notPermitted("Cannot import since found existing subjects; set force=true to switch anyway.");
    }
    await this.store.setMode(subject, mode);
    return mode;
  }

  private async assertWritable(subject: string): Promise<void> {
    if ((await this.effectiveMode(subject)) === "READONLY") {
      throw notPermitted(`Subject "${subject}" is in read-only mode.`);
    }
  }

  /**
   * What a registration is compared with: plain levels need only the latest live version,
   * TRANSITIVE ones every live version; with a compatibility group, only versions in the
   * candidate's group count.
   */
  private async history(
    subject: string,
    config: EffectiveConfig,
    contract: DataContract,
  ): Promise<SubjectVersion[]> {
    const transitive = config.compatibility.endsWith("_TRANSITIVE");
    if (!transitive && config.compatibilityGroup === undefined) {
      const latest = await this.store.latestVersion(subject, { deleted: false });
      return latest ? [latest] : [];
    }
    const live = (await this.store.subjectVersions(subject)).filter((row) => !row.deleted);
    const group = inGroup(live, config, contract);
    return transitive ? group : group.slice(-1);
  }

  /**
   * The metadata and rule set a schema sent for `subject` gets: the request's, or else the
   * subject's latest version's, under the scope's defaults and overrides.
   */
  private async contractFor(
    subject: string,
    body: SchemaRequestBody,
    config: EffectiveConfig,
  ): Promise<DataContract> {
    const requested = {
      ...presentAs("metadata", presentOrUndefined(body.metadata)),
      ...presentAs("ruleSet", presentOrUndefined(body.ruleSet)),
    };
    const needsPrevious = requested.metadata === undefined || requested.ruleSet === undefined;
    const latest = needsPrevious ? await this.store.latestVersion(subject, { deleted: false }) : undefined;
    return effectiveDataContract(requested, latest?.schema, config);
  }

  /** Versions whose schema text and references (not metadata or rules) have this fingerprint. */
  private async versionsWithContent(
    subject: string,
    fingerprint: string,
    normalize: boolean,
  ): Promise<SubjectVersion[]> {
    const found: SubjectVersion[] = [];
    for (const row of await this.store.subjectVersions(subject)) {
      if (row.schema.metadata === undefined && row.schema.ruleSet === undefined) continue;
      const bare = schemaIdentity(JSON.parse(row.schema.schema) as Json, row.schema.references, normalize);
      if (bare.fingerprint === fingerprint) found.push(row);
    }
    return found;
  }

  /**
   * GET /subjects/{subject}/metadata: the latest version (soft-deleted ones only with `deleted`)
   * whose metadata carries every property asked for.
   */
  async latestWithMetadata(
    subject: string,
    wanted: ReadonlyMap<string, string>,
    deleted: boolean,
  ): Promise<SubjectVersion> {
    const rows = (await this.store.subjectVersions(subject)).filter((row) => deleted || !row.deleted);
    if (rows.length === 0) throw failure("ACCORD_ERR_REGISTRY_SUBJECT_NOT_FOUND", subject);
    const match = rows.reverse().find((row) => hasProperties(row.schema, wanted));
    if (match) return match;
    const asked = [...wanted].map(([key, value]) => `${key}=${value}`).join(", ");
    throw failure(
      "ACCORD_ERR_REGISTRY_SCHEMA_NOT_FOUND",
      `No version of subject "${subject}" has metadata ${asked || "(any)"}.`,
    );
  }

  /** Parses the request's schema and reads its identity; a long one in a check worker. */
  private async identify(
    subject: string,
    body: SchemaRequestBody,
    references: readonly SchemaReference[],
    normalize: boolean,
    contract: DataContract,
  ): Promise<SchemaIdentity> {
    const job: IdentifyJob = {
      kind: "identify",
      schema: body.schema,
      schemaType: body.schemaType,
      references,
      normalize,
      contract,
      source: `subject "${subject}"`,
    };
    return unwrap(body.schema.length <= IDENTIFY_IN_THREAD_CHARS ? runJob(job) : await this.checks.run(job));
  }

  /**
   * Validates (and compiles) the candidate in a check worker and compares it with exactly
   * `history` (oldest first); the report is undefined when nothing was compared. An invalid
   * schema, or a check over its time budget, throws a 422 failure.
   */
  private async check(
    candidate: Candidate,
    history: readonly SubjectVersion[],
    level: CompatibilityLevel,
  ): Promise<{ report: CompatReport | undefined; versions: number[] }> {
    const stored: SchemaSource[] = [];
    for (const row of history) {
      stored.push({
        text: row.schema.schema,
        references: await this.referenceTree(row.schema.references, row.schema.context, new Map(), 0),
        source: `subject "${row.subject}" version ${row.version}`,
      });
    }
    const report = unwrap(await this.checks.run({ kind: "check", candidate, history: stored, level }));
    return { report, versions: history.map((row) => row.version) };
  }

  /**
   * The schema being registered or checked, with the schemas its references name. A schema
   * already stored (under any subject) was validated when it was stored, so its check skips the
   * compile.
   */
  private async candidate(subject: string, identity: SchemaIdentity): Promise<Candidate> {
    checkReferenceNames(identity.references);
    const known = await this.store.schemaByFingerprint(identity.fingerprint, contextOf(subject));
    return {
      text: identity.text,
      references: await this.referenceTree(identity.references, contextOf(subject), new Map(), 0),
      source: `subject "${subject}"`,
      validated: known !== undefined,
    };
  }

  /** After a permanent delete some ids may be gone; which ones is the store's business. */
  private forgetSchemas(): void {
    this.schemaBodies.clear();
  }

  private async liveVersionOf(subject: string, fingerprint: string): Promise<Registered | undefined> {
    const live = (await this.store.findSchemaInSubject(subject, fingerprint)).find((row) => !row.deleted);
    return live ? { id: live.schema.id, version: live.version, schema: live.schema } : undefined;
  }

  /**
   * Replaces `version: -1` (latest) with the concrete version, as Confluent stores it. A reference
   * without a context names a subject in the referring subject's context.
   */
  private async pinReferences(
    subject: string,
    references: readonly SchemaReference[],
  ): Promise<SchemaReference[]> {
    const pinned: SchemaReference[] = [];
    for (const reference of references) {
      parseSubject(reference.subject);
      if (reference.version !== -1) {
        pinned.push(reference);
        continue;
      }
      const target = referenceTarget(reference.subject, contextOf(subject));
      const latest = await this.store.latestVersion(target, { deleted: false });
      if (!latest) {
        throw failure(
          "ACCORD_ERR_REGISTRY_REFERENCE_UNRESOLVED",
          reference.name,
          reference.subject,
          "latest",
        );
      }
      pinned.push({ ...reference, version: latest.version });
    }
    return pinned;
  }

  /** Loads referenced schemas (and theirs); soft-deleted targets still resolve for stored schemas. */
  private async referenceTree(
    references: readonly SchemaReference[],
    context: string,
    seen: Map<string, ReferencedSchema>,
    depth: number,
  ): Promise<Map<string, ReferencedSchema>> {
    const tree = new Map<string, ReferencedSchema>();
    if (references.length === 0) return tree;
    if (depth > MAX_REFERENCE_DEPTH) {
      throw failure(
        "ACCORD_ERR_REGISTRY_SCHEMA_INVALID",
        `references nest deeper than ${MAX_REFERENCE_DEPTH} levels`,
      );
    }
    for (const reference of references) {
      const subject = referenceTarget(reference.subject, context);
      const key = `${subject}\u0000${reference.version}`;
      let target = seen.get(key);
      if (!target) {
        const row = await this.store.getVersion(subject, reference.version);
        if (!row) {
          throw failure(
            "ACCORD_ERR_REGISTRY_REFERENCE_UNRESOLVED",
            reference.name,
            reference.subject,
            reference.version,
          );
        }
        const nested = new Map<string, ReferencedSchema>();
        target = { key, root: JSON.parse(row.schema.schema) as Json, references: nested };
        // Registered before recursing, so a cycle of references ends here.
        seen.set(key, target);
        const nestedRefs = row.schema.references;
        for (const [name, schema] of await this.referenceTree(
          nestedRefs,
          row.schema.context,
          seen,
          depth + 1,
        )) {
          nested.set(name, schema);
        }
      }
      tree.set(reference.name, target);
    }
    return tree;
  }
}

/** A check job's candidate; `validated` turns true once a check has passed it. */
type Candidate = SchemaSource & { validated: boolean };

/** The config fields that are data-contract settings, each inherited from the global scope on its own. */
const DATA_CONTRACT_FIELDS = [
  "compatibilityGroup",
  "defaultMetadata",
  "overrideMetadata",
  "defaultRuleSet",
  "overrideRuleSet",
] as const satisfies readonly (keyof DataContractConfig)[];

/** With a compatibility group, the versions in the candidate's group (a missing value is a group too). */
function inGroup(
  versions: readonly SubjectVersion[],
  config: EffectiveConfig,
  contract: DataContract,
): SubjectVersion[] {
  const group = config.compatibilityGroup;
  if (group === undefined) return [...versions];
  const value = groupOf(contract, group);
  return versions.filter((row) => groupOf(row.schema, group) === value);
}

function hasContract(body: SchemaRequestBody): boolean {
  return presentOrUndefined(body.metadata) !== undefined || presentOrUndefined(body.ruleSet) !== undefined;
}

function presentAs<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function failure(code: Parameters<typeof accordError>[0], ...args: unknown[]): AccordFailure {
  return new AccordFailure(accordError(code, args));
}

function notPermitted(message: string): AccordFailure {
  return failure("ACCORD_ERR_REGISTRY_OPERATION_NOT_PERMITTED", message);
}

/** The config and mode scope of a subject's context (`:.ctx:`), none for the default context. */
function contextScope(subject: string | null): string | undefined {
  if (subject === null) return undefined;
  const context = contextOf(subject);
  return context === DEFAULT_CONTEXT ? undefined : qualify(context, "");
}

function fallbackSchema(context: string, id: number, identity: SchemaIdentity): StoredSchema {
  return {
    context,
    id,
    schemaType: "JSON",
    schema: identity.text,
    references: identity.references,
    fingerprint: identity.fingerprint,
    ...identity.contract,
  };
}
