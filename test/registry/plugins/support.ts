import type { FastifyInstance, InjectOptions } from "fastify";
import { type BuildAppOptions, buildApp } from "../../../registry/app.js";
import { parseAuthConfig } from "../../../registry/auth/config.js";
import { hashPassword, hashToken } from "../../../registry/auth/secrets.js";
import { openSqliteStore } from "../../../registry/store/sqlite.js";
import type { RegistryStore } from "../../../registry/store/types.js";

export const VND = "application/vnd.schemaregistry.v1+json";

/** Users for auth tests; hashing the passwords once keeps scrypt out of every test. */
export const USERS = {
  admin: { password: "admin-pass", token: "tok-admin-0123456789" },
  writer: { password: "writer-pass", token: "tok-writer-0123456789" },
  reader: { password: "reader-pass", token: "tok-reader-0123456789" },
} as const;

export const AUTH_CONFIG = parseAuthConfig(
  {
    users: [
      {
        name: "admin",
        password: hashPassword(USERS.admin.password),
        tokens: [hashToken(USERS.admin.token)],
        grants: [{ role: "admin", prefix: "" }],
      },
      {
        name: "writer",
        password: hashPassword(USERS.writer.password),
        tokens: [hashToken(USERS.writer.token)],
        grants: [
          { role: "write", prefix: "orders-" },
          { role: "read", prefix: "" },
        ],
      },
      {
        name: "reader",
        password: hashPassword(USERS.reader.password),
        tokens: [hashToken(USERS.reader.token)],
        grants: [{ role: "read", prefix: "orders-" }],
      },
    ],
  },
  "test users",
);

export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
}

export interface Reply {
  readonly status: number;
  readonly body: unknown;
  readonly text: string;
  readonly headers: Record<string, unknown>;
}

export interface PluginApp {
  readonly app: FastifyInstance;
  readonly store: RegistryStore;
  send(options: InjectOptions): Promise<Reply>;
  close(): Promise<void>;
}

/** The registry app over an in-memory store with the given options. */
export async function pluginApp(options: Omit<BuildAppOptions, "store"> = {}): Promise<PluginApp> {
  const store = openSqliteStore({ dataDir: ":memory:" });
  const app = buildApp({ store, ...options });
  await app.ready();
  return {
    app,
    store,
    async send(request) {
      const raw = await app.inject(request);
      let body: unknown = raw.body;
      try {
        body = JSON.parse(raw.body);
      } catch {
        // not JSON: the test looks at the text
      }
      return { status: raw.statusCode, body, text: raw.body, headers: raw.headers };
    },
    async close() {
      await app.close();
      await store.close();
    },
  };
}

export function schemaBody(schema: unknown): string {
  return JSON.stringify({ schemaType: "JSON", schema: JSON.stringify(schema) });
}
