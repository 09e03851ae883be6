import {
  type AccordError,
  type AccordErrorCode,
  AccordFailure,
  accordError,
  ERRORS,
  fail,
  ok,
  type Result,
} from "../contracts/errors.js";
import type { Json } from "../contracts/schema/types.js";
import type { CompatibilityLevel, SchemaReference } from "./model.js";

/** A failed call: the table error, plus what the server said when it answered. */
export interface RegistryCallError extends AccordError {
  /** HTTP status, when the server answered. */
  readonly status?: number;
  /** The server's Confluent `error_code`, when its body had one. */
  readonly errorCode?: number;
}

export type RegistryResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: RegistryCallError };

export type RegistryAuth =
  | { readonly username: string; readonly password: string }
  | { readonly token: string };

export interface RegistryClientOptions {
  /** Base URL, e.g. http://127.0.0.1:8081 or https://host/registry; `user:pass@` becomes basic auth. */
  readonly url: string;
  /** Per attempt; default 10 s. */
  readonly timeoutMs?: number;
  /** Extra attempts for idempotent calls after a 5xx or a connection failure; default 3. */
  readonly retries?: number;
  /** First backoff; doubles per retry, with jitter; default 200 ms. */
  readonly backoffMs?: number;
  readonly auth?: RegistryAuth;
  /**
   * Where to read credentials when neither `auth` nor the URL gives any (default process.env, so
   * every CLI command honours them; `{}` turns this off): ACCORD_REGISTRY_TOKEN, or
   * ACCORD_REGISTRY_USER with ACCORD_REGISTRY_PASSWORD.
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** For tests: replaces the global fetch and the backoff sleep. */
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface SchemaSubmission {
  /** The schema as JSON text or as a value (sent as text, as the API wants). */
  readonly schema: string | Json;
  readonly references?: readonly SchemaReference[];
}

export interface RegisteredVersion {
  readonly subject: string;
  readonly version: number;
  readonly id: number;
  /** The schema's GUID (Accord, recent Confluent versions); V1 wire frames name the schema by it. */
  readonly guid?: string;
  readonly schemaType: string;
  readonly schema: string;
  readonly references?: readonly SchemaReference[];
}

/** A consumer declaration as the registry keeps it. */
export interface RegistryConsumer {
  readonly subject: string;
  readonly consumer: string;
  readonly reads: readonly string[];
  readonly version: number;
}

export interface CompatibilityCheck {
  readonly isCompatible: boolean;
  readonly messages: readonly string[];
}

const CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

/** Confluent codes → Accord rows, so the CLI exits as it would for the same local error. */
const BY_REGISTRY_CODE = new Map<number, AccordErrorCode>();
for (const [code, spec] of Object.entries(ERRORS)) {
  if (!code.startsWith("ACCORD_ERR_REGISTRY_") || !("registryCode" in spec)) continue;
  // Codes below 1000 are plain HTTP statuses, which say nothing specific.
  if (spec.registryCode >= 1000 && !BY_REGISTRY_CODE.has(spec.registryCode)) {
    BY_REGISTRY_CODE.set(spec.registryCode, code as AccordErrorCode);
  }
}

interface Call {
  readonly method: "GET" | "POST" | "PUT" | "DELETE";
  readonly path: string;
  readonly body?: unknown;
  /** Safe to send twice: reads, PUTs, lookups and compatibility checks. */
  readonly idempotent: boolean;
}

/**
 * A client for Accord's registry and Confluent Schema Registry, over the global fetch. Every
 * method returns a Result: failures carry the server's error_code and message, mapped to the
 * error table so commands exit with the right code.
 */
export class RegistryClient {
  private readonly base: string;
  private readonly authorization: string | undefined;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly backoffMs: number;
  private readonly fetchImpl: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(options: RegistryClientOptions) {
    let url: URL;
    try {
      url = new URL(options.url);
    } catch {
      throw new AccordFailure(
        accordError("ACCORD_ERR_USAGE", [`not a registry URL: ${JSON.stringify(options.url)}`]),
      );
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      throw new AccordFailure(
        accordError("ACCORD_ERR_USAGE", [`registry URL must be http or https: ${url.protocol}`]),
      );
    }
    let auth = options.auth;
    if (url.username !== "" && auth === undefined) {
      // fetch refuses URLs with credentials, so they travel as a header instead.
      auth = { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
    }
    // Last, the environment: secrets kept out of flags (and so out of ps and shell history).
    auth ??= authFromEnvironment(options.env ?? process.env);
    url.username = "";
    url.password = "";
    this.base = url.toString().replace(/\/+$/, "");
    this.authorization = authorizationHeader(auth);
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.retries = options.retries ?? 3;
    this.backoffMs = options.backoffMs ?? 200;
    this.fetchImpl = options.fetch ?? fetch;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** The base URL without credentials, for messages. */
  get url(): string {
    return this.base;
  }

  listSubjects(options: { deleted?: boolean; prefix?: string } = {}): Promise<RegistryResult<string[]>> {
    const query = new URLSearchParams();
    if (options.deleted) query.set("deleted", "true");
    if (options.prefix !== undefined) query.set("subjectPrefix", options.prefix);
    return this.call({ method: "GET", path: `/subjects${queryString(query)}`, idempotent: true });
  }

  listVersions(subject: string, options: { deleted?: boolean } = {}): Promise<RegistryResult<number[]>> {
    const suffix = options.deleted ? "?deleted=true" : "";
    return this.call({ method: "GET", path: `${subjectPath(subject)}/versions${suffix}`, idempotent: true });
  }

  getVersion(subject: string, version: number | "latest"): Promise<RegistryResult<RegisteredVersion>> {
    return this.call({
      method: "GET",
      path: `${subjectPath(subject)}/versions/${version}`,
      idempotent: true,
    });
  }

  getSchemaById(id: number): Promise<RegistryResult<{ schema: string; schemaType?: string }>> {
    return this.call({ method: "GET", path: `/schemas/ids/${id}`, idempotent: true });
  }

  /**
   * Registers a schema (or finds it already registered). Not retried: after a lost answer the
   * client cannot tell whether the write happened; re-running the command is safe, because
   * registering an existing schema returns its id without a new version.
   */
  register(
    subject: string,
    submission: SchemaSubmission,
    options: { normalize?: boolean } = {},
  ): Promise<RegistryResult<{ id: number; version?: number }>> {
    const suffix = options.normalize ? "?normalize=true" : "";
    return this.call({
      method: "POST",
      path: `${subjectPath(subject)}/versions${suffix}`,
      body: requestBody(submission),
      idempotent: false,
    });
  }

  lookup(subject: string, submission: SchemaSubmission): Promise<RegistryResult<RegisteredVersion>> {
    return this.call({
      method: "POST",
      path: subjectPath(subject),
      body: requestBody(submission),
      idempotent: true,
    });
  }

  async testCompatibility(
    subject: string,
    submission: SchemaSubmission,
    version: number | "latest" = "latest",
  ): Promise<RegistryResult<CompatibilityCheck>> {
    const result = await this.call<{ is_compatible: boolean; messages?: string[] }>({
      method: "POST",
      path: `/compatibility${subjectPath(subject)}/versions/${version}?verbose=true`,
      body: requestBody(submission),
      idempotent: true,
    });
    if (!result.ok) return result;
    return ok({ isCompatible: result.value.is_compatible === true, messages: result.value.messages ?? [] });
  }

  /** The subject's level, or the global one when `subject` is undefined or has none of its own. */
  async getConfig(subject?: string): Promise<RegistryResult<{ compatibilityLevel: CompatibilityLevel }>> {
    const path =
      subject === undefined ? "/config" : `/config/${encodeURIComponent(subject)}?defaultToGlobal=true`;
    return this.call({ method: "GET", path, idempotent: true });
  }

  /** The subject's own level, or `undefined` when it has none (Confluent's 40408). */
  async getSubjectConfig(subject: string): Promise<RegistryResult<CompatibilityLevel | undefined>> {
    const result = await this.call<{ compatibilityLevel: CompatibilityLevel }>({
      method: "GET",
      path: `/config/${encodeURIComponent(subject)}`,
      idempotent: true,
    });
    if (result.ok) return ok(result.value.compatibilityLevel);
    if (result.error.errorCode === 40408) return ok(undefined);
    return result;
  }

  setConfig(
    subject: string | undefined,
    compatibility: CompatibilityLevel,
  ): Promise<RegistryResult<{ compatibility: CompatibilityLevel }>> {
    const path = subject === undefined ? "/config" : `/config/${encodeURIComponent(subject)}`;
    return this.call({ method: "PUT", path, body: { compatibility }, idempotent: true });
  }

  /** Consumer declarations Accord's registry keeps (`/accord/v1/...`): every readable one, or one subject's. */
  listConsumers(subject?: string): Promise<RegistryResult<RegistryConsumer[]>> {
    const path =
      subject === undefined ? "/accord/v1/consumers" : `/accord/v1${subjectPath(subject)}/consumers`;
    return this.call({ method: "GET", path, idempotent: true });
  }

  /** Declares (or replaces) what a consumer reads of a subject; the registry pins the latest version when none is given. */
  putConsumer(
    subject: string,
    consumer: string,
    declaration: { readonly reads: readonly string[]; readonly version?: number },
  ): Promise<RegistryResult<RegistryConsumer & { status: "created" | "updated" | "unchanged" }>> {
    return this.call({
      method: "PUT",
      path: `/accord/v1${subjectPath(subject)}/consumers/${encodeURIComponent(consumer)}`,
      body: declaration,
      idempotent: true,
    });
  }

  private async call<T>(call: Call): Promise<RegistryResult<T>> {
    const attempts = call.idempotent ? this.retries + 1 : 1;
    let last: RegistryResult<T> | undefined;
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) await this.sleep(this.backoff(attempt));
      const { result, retryable } = await this.attempt<T>(call);
      if (result.ok || !retryable) return result;
      last = result;
    }
    return last as RegistryResult<T>;
  }

  private backoff(attempt: number): number {
    const ceiling = this.backoffMs * 2 ** (attempt - 1);
    // Jitter spreads clients that failed together, so they do not retry together.
    return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
  }

  private async attempt<T>(call: Call): Promise<{ result: RegistryResult<T>; retryable: boolean }> {
    const headers: Record<string, string> = { accept: CONTENT_TYPE };
    if (call.body !== undefined) headers["content-type"] = CONTENT_TYPE;
    if (this.authorization) headers.authorization = this.authorization;
    let response: Response;
    let text: string;
    try {
      response = await this.fetchImpl(`${this.base}${call.path}`, {
        method: call.method,
        headers,
        ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await response.text();
    } catch (err) {
      return {
        result: fail(accordError("ACCORD_ERR_REGISTRY_UNREACHABLE", [this.base, this.reason(err)])),
        retryable: true,
      };
    }
    let body: unknown;
    try {
      body = text === "" ? undefined : JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (response.ok) {
      if (body === undefined) {
        const error = remoteError(call, response.status, undefined, "the answer is not JSON");
        return { result: { ok: false, error }, retryable: false };
      }
      return { result: ok(body as T), retryable: false };
    }
    const { errorCode, message } = errorBody(body, text);
    const error = toCallError(call, response.status, errorCode, message);
    return { result: { ok: false, error }, retryable: response.status >= 500 };
  }

  private reason(err: unknown): string {
    if (err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError")) {
      return `no answer within ${this.timeoutMs} ms`;
    }
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    if (cause?.code) return `${cause.message ?? "connection failed"} (${cause.code})`;
    return err instanceof Error ? err.message : String(err);
  }
}

/** Credentials from ACCORD_REGISTRY_TOKEN, or ACCORD_REGISTRY_USER and ACCORD_REGISTRY_PASSWORD. */
export function authFromEnvironment(
  env: Readonly<Record<string, string | undefined>>,
): RegistryAuth | undefined {
  const token = env.ACCORD_REGISTRY_TOKEN;
  if (token !== undefined && token !== "") return { token };
  const username = env.ACCORD_REGISTRY_USER;
  if (username !== undefined && username !== "")
    return { username, password: env.ACCORD_REGISTRY_PASSWORD ?? "" };
  return undefined;
}

function authorizationHeader(auth: RegistryAuth | undefined): string | undefined {
  if (auth === undefined) return undefined;
  if ("token" in auth) return `Bearer ${auth.token}`;
  return `Basic ${Buffer.from(`${auth.username}:${auth.password}`, "utf8").toString("base64")}`;
}

function subjectPath(subject: string): string {
  return `/subjects/${encodeURIComponent(subject)}`;
}

function queryString(query: URLSearchParams): string {
  const text = query.toString();
  return text === "" ? "" : `?${text}`;
}

function requestBody(submission: SchemaSubmission): Record<string, unknown> {
  return {
    schemaType: "JSON",
    schema: typeof submission.schema === "string" ? submission.schema : JSON.stringify(submission.schema),
    ...(submission.references && submission.references.length > 0
      ? { references: submission.references }
      : {}),
  };
}

function errorBody(body: unknown, text: string): { errorCode: number | undefined; message: string } {
  if (body !== null && typeof body === "object") {
    const record = body as { error_code?: unknown; message?: unknown };
    const errorCode = typeof record.error_code === "number" ? record.error_code : undefined;
    if (typeof record.message === "string") return { errorCode, message: record.message };
  }
  const snippet = text.trim().slice(0, 200);
  return { errorCode: undefined, message: snippet === "" ? "(empty body)" : snippet };
}

function toCallError(
  call: Call,
  status: number,
  errorCode: number | undefined,
  message: string,
): RegistryCallError {
  // Confluent used error_code 409 for incompatible schemas until 2025; the status says the same.
  const code =
    (errorCode === undefined ? undefined : BY_REGISTRY_CODE.get(errorCode)) ??
    (status === 409 ? "ACCORD_ERR_REGISTRY_INCOMPATIBLE" : undefined);
  if (code === undefined) return remoteError(call, status, errorCode, message);
  return {
    code,
    message: `${message} (${call.method} ${pathOnly(call.path)}: HTTP ${status})`,
    status,
    ...(errorCode === undefined ? {} : { errorCode }),
  };
}

function remoteError(
  call: Call,
  status: number,
  errorCode: number | undefined,
  message: string,
): RegistryCallError {
  const error = accordError("ACCORD_ERR_REGISTRY_REMOTE", [
    call.method,
    pathOnly(call.path),
    status,
    errorCode ?? "none",
    message,
  ]);
  return { ...error, status, ...(errorCode === undefined ? {} : { errorCode }) };
}

function pathOnly(path: string): string {
  return path.split("?", 1)[0] ?? path;
}

/** For callers that want exceptions (commands): throws the failure as an AccordFailure. */
export function unwrapCall<T>(result: RegistryResult<T> | Result<T>): T {
  if (result.ok) return result.value;
  throw new AccordFailure(result.error);
}
