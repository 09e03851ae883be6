import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { expect } from "vitest";
import { buildApp } from "../../registry/app.js";
import type { CheckPoolOptions } from "../../registry/checks/pool.js";
import { openSqliteStore } from "../../registry/store/sqlite.js";
import type { RegistryStore } from "../../registry/store/types.js";

export const VND = "application/vnd.schemaregistry.v1+json";

/** Any schema GUID, as responses carry it (its value is checked where it matters). */
export const ANY_GUID = expect.stringMatching(
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
);

export interface TestRegistry {
  readonly app: FastifyInstance;
  readonly store: RegistryStore;
  /** Sends a request the way Confluent clients do (their media type, JSON body). */
  call(method: InjectOptions["method"], url: string, body?: unknown): Promise<Reply>;
  close(): Promise<void>;
}

export interface Reply {
  readonly status: number;
  readonly body: unknown;
  readonly raw: LightMyRequestResponse;
}

/** Sends a request to `app` the way Confluent clients do (their media type, JSON body). */
export async function callRegistry(
  app: FastifyInstance,
  method: InjectOptions["method"],
  url: string,
  body?: unknown,
): Promise<Reply> {
  const raw = await app.inject({
    method,
    url,
    headers: body === undefined ? {} : { "content-type": VND },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
  let parsed: unknown = raw.body;
  try {
    parsed = JSON.parse(raw.body);
  } catch {
    // Not JSON: keep the text, the test will say what it expected.
  }
  return { status: raw.statusCode, body: parsed, raw };
}

/** A registry app over a fresh store (in memory unless a data directory is given). */
export async function testRegistry(
  options: { dataDir?: string; bodyLimit?: number; checks?: Partial<CheckPoolOptions> } = {},
): Promise<TestRegistry> {
  const store = openSqliteStore({ dataDir: options.dataDir ?? ":memory:" });
  const app = buildApp({
    store,
    ...(options.bodyLimit === undefined ? {} : { bodyLimit: options.bodyLimit }),
    ...(options.checks === undefined ? {} : { checks: options.checks }),
  });
  await app.ready();
  return {
    app,
    store,
    call: (method, url, body) => callRegistry(app, method, url, body),
    async close() {
      await app.close();
      await store.close();
    },
  };
}

/** A register/lookup body for a JSON Schema value. */
export function jsonSchema(schema: unknown, extra: Record<string, unknown> = {}) {
  return { schemaType: "JSON", schema: JSON.stringify(schema), ...extra };
}

/** Small event schemas used across the route tests. */
export const ORDER_V1 = {
  type: "object",
  properties: { orderId: { type: "string" }, amount: { type: "number" } },
  required: ["orderId"],
  additionalProperties: false,
};

/**
 * V1 plus an optional field in a closed model: new readers accept every old event (BACKWARD
 * holds), old readers reject events carrying `note` (FORWARD breaks).
 */
export const ORDER_V2 = {
  type: "object",
  properties: { orderId: { type: "string" }, amount: { type: "number" }, note: { type: "string" } },
  required: ["orderId"],
  additionalProperties: false,
};

/** Narrows `orderId` to 8 characters: old events with longer ids no longer validate (BACKWARD breaks). */
export const ORDER_NARROWED = {
  type: "object",
  properties: { orderId: { type: "string", maxLength: 8 }, amount: { type: "number" } },
  required: ["orderId"],
  additionalProperties: false,
};

export function expectError(reply: Reply, status: number, errorCode: number): void {
  if (reply.status !== status || (reply.body as { error_code?: number }).error_code !== errorCode) {
    throw new Error(`expected ${status}/${errorCode}, got ${reply.status}: ${reply.raw.body}`);
  }
}
