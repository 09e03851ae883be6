import type { FastifyInstance } from "fastify";
import { AccordFailure, accordError } from "../contracts/errors.js";
import { buildApp } from "./app.js";
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
  const { store, location } = await openStore({
    dataDir: options.dataDir,
    ...(options.store === undefined ? {} : { store: options.store }),
  });
  const app = buildApp({
    store,
    ...(options.bodyLimit === undefined ? {} : { bodyLimit: options.bodyLimit }),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  });
  let address: string;
  try {
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
      closing ??= app.close().then(() => store.close());
      return closing;
    },
  };
}
