import type { FastifyInstance } from "fastify";
import { AccordFailure, accordError } from "../contracts/errors.js";
import { buildApp } from "./app.js";
import { loadAuthFile } from "./auth/config.js";
import type { CheckPoolOptions } from "./checks/pool.js";
import type { RegistryLimits } from "./plugins/limits.js";
import type { Readiness } from "./plugins/readiness.js";
import { openStore } from "./store/open.js";

export interface ServerOptions {
  readonly host: string;
  /** 0 picks a free port; the chosen one is in `url`. */
  readonly port: number;
  readonly dataDir: string;
  /** `sqlite` (default: a file in dataDir) or a postgres:// URL shared by several instances. */
  readonly store?: string;
  readonly bodyLimit?: number;
  readonly logger?: boolean | object;
  /** Users file for `--auth`; absent means no auth. Read before the store is opened. */
  readonly authFile?: string;
  readonly limits?: Partial<RegistryLimits>;
  /** On close, how long /readyz answers 503 before the listener closes (for load balancers to notice). */
  readonly drainMs?: number;
  readonly checks?: Partial<CheckPoolOptions>;
}

export interface RunningServer {
  readonly url: string;
  /** The SQLite file, or the PostgreSQL URL without its password. */
  readonly databaseFile: string;
  readonly app: FastifyInstance;
  /** Stops accepting connections, lets requests in flight finish, then closes the store. */
  close(): Promise<void>;
}

/** Opens the store (SQLite in `dataDir` unless `store` says otherwise) and serves the registry on host:port. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const auth = options.authFile === undefined ? undefined : loadAuthFile(options.authFile);
  const readiness: Readiness = { draining: false };
  const { store, location } = await openStore({
    dataDir: options.dataDir,
    ...(options.store === undefined ? {} : { store: options.store }),
  });
  const app = buildApp({
    store,
    ...(options.bodyLimit === undefined ? {} : { bodyLimit: options.bodyLimit }),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    ...(auth === undefined ? {} : { auth }),
    ...(options.limits === undefined ? {} : { limits: options.limits }),
    ...(options.checks === undefined ? {} : { checks: options.checks }),
    readiness,
  });
  let address: string;
  try {
    // Check workers load before the server answers, so the first registrations are not slowed.
    await app.ready();
    await app.registry.warm();
    address = await app.listen({ host: options.host, port: options.port });
  } catch (err) {
    await app.close().catch(() => undefined);
    await store.close();
    const reason =
      (err as NodeJS.ErrnoException).code === "EADDRINUSE"
        ? "the address is already in use"
        : (err as Error).message;
    throw new AccordFailure(
      accordError("ACCORD_ERR_USAGE", [`cannot listen on ${options.host}:${options.port}: ${reason}`]),
    );
  }
  let closing: Promise<void> | undefined;
  return {
    url: address,
    databaseFile: location,
    app,
    close() {
      readiness.draining = true;
      const drain = new Promise((resolve) => setTimeout(resolve, options.drainMs ?? 0));
      // app.close() stops accepting connections and waits for requests in flight to be answered.
      closing ??= drain.then(() => app.close()).then(() => store.close());
      return closing;
    },
  };
}
