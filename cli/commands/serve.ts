import { Flags } from "@oclif/core";
import { BaseCommand } from "../base-command.js";

export interface ServeResult {
  readonly url: string;
  readonly database: string;
}

export default class Serve extends BaseCommand<ServeResult> {
  static override summary = "Run a Confluent-compatible schema registry for JSON Schema subjects.";

  static override description =
    `Serves the Confluent Schema Registry REST API (subjects, schemas, config, mode, \
compatibility) on an embedded SQLite store in --data, or on PostgreSQL (--store postgres://...) \
shared by several instances behind one address. Existing Kafka clients and serializers work \
unchanged: point schema.registry.url at the printed URL. Every acknowledged registration is on disk \
before the response is sent. Registrations are checked with Accord's semantic compatibility engine.

Auth is off unless --auth names a users file (YAML or JSON): each user has a hashed password \
(HTTP basic) and/or hashed bearer tokens, and grants of read, write or admin over subject \
prefixes. Make the hashes with \`accord hash-secret\`.

Operations: GET /metrics (Prometheus), GET /readyz (checks the store; 503 while draining), one \
JSON log line per request at --log-level info, with its request id (X-Request-Id).

Stops cleanly on SIGINT or SIGTERM: /readyz turns 503, requests in flight finish, then the store \
is closed.`;

  static override examples = [
    "<%= config.bin %> <%= command.id %>",
    "<%= config.bin %> <%= command.id %> --port 8081 --data /var/lib/accord",
    "ACCORD_STORE=postgres://accord:secret@db:5432/registry <%= config.bin %> <%= command.id %> --host 0.0.0.0",
  ];

  static override flags = {
    host: Flags.string({ description: "Interface to listen on.", default: "127.0.0.1" }),
    port: Flags.integer({
      description: "Port to listen on (0 picks a free one).",
      default: 8081,
      min: 0,
      max: 65535,
    }),
    data: Flags.string({
      description: "Directory for the registry database (accord.db) when the store is sqlite.",
      default: ".accord/registry",
    }),
    store: Flags.string({
      description:
        "sqlite (a file in --data) or a postgres:// URL; several instances can share one PostgreSQL database. Prefer the ACCORD_STORE variable for a URL with a password: flags show in ps.",
      env: "ACCORD_STORE",
      default: "sqlite",
    }),
    auth: Flags.string({
      description:
        "Users file (YAML or JSON) turning on HTTP basic and bearer auth with roles per subject prefix.",
      env: "ACCORD_AUTH_FILE",
    }),
    "max-schema-bytes": Flags.integer({
      description: "Largest schema text in bytes; larger ones get 422 (error_code 42209).",
      default: 256 * 1024,
      min: 1024,
    }),
    "max-schema-depth": Flags.integer({
      description: "Deepest nesting of objects and arrays in a schema; deeper ones get 422.",
      default: 256,
      min: 4,
      max: 256,
    }),
    "max-list": Flags.integer({
      description:
        "Most subjects, versions or ids one list response holds; clients page with offset and limit.",
      default: 10_000,
      min: 1,
    }),
    "log-level": Flags.option({
      options: ["fatal", "error", "warn", "info", "debug"] as const,
      description: "Log level on stderr; info logs one line per request.",
      default: "warn",
    })(),
    drain: Flags.integer({
      description: "On SIGTERM, milliseconds /readyz answers 503 before the listener closes.",
      default: 0,
      min: 0,
      max: 60_000,
    }),
    "check-budget-ms": Flags.integer({
      description:
        "Longest one registration or compatibility test may spend validating, compiling and comparing its schema; beyond it the request gets 422 naming the budget.",
      default: 30_000,
      min: 10,
    }),
    "check-workers": Flags.integer({
      description:
        "Threads that validate, compile and compare schemas off the request loop (default: cores minus one, 1 to 4).",
      min: 1,
      max: 64,
    }),
    "body-limit": Flags.integer({
      description: "Largest request body in bytes; larger ones get HTTP 413.",
      default: 1024 * 1024,
      min: 1024,
    }),
  };

  async run(): Promise<ServeResult> {
    const { flags } = await this.parse(Serve);
    const { startServer } = await import("../../registry/server.js");
    const server = await startServer({
      host: flags.host,
      port: flags.port,
      dataDir: flags.data,
      store: flags.store,
      bodyLimit: flags["body-limit"],
      ...(flags.auth === undefined ? {} : { authFile: flags.auth }),
      limits: {
        maxSchemaBytes: flags["max-schema-bytes"],
        maxSchemaDepth: flags["max-schema-depth"],
        maxListItems: flags["max-list"],
      },
      drainMs: flags.drain,
      checks: {
        budgetMs: flags["check-budget-ms"],
        ...(flags["check-workers"] === undefined ? {} : { workers: flags["check-workers"] }),
      },
      // The log goes to stderr; stdout stays for the URL line (and --json).
      logger: { level: flags["log-level"], stream: process.stderr },
    });
    // The signal handlers go in before the URL is announced: until a listener exists, Node leaves
    // SIGTERM's default action (exit at once), and a supervisor may signal as soon as it sees the URL.
    const stopped = new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
    const listening = `Accord registry listening on ${server.url} (data: ${server.databaseFile})`;
    // Under --json stdout carries only the final JSON, but a script still needs the URL now.
    if (this.jsonEnabled()) process.stderr.write(`${listening}\n`);
    else this.log(listening);
    await stopped;
    await server.close();
    this.log("Accord registry stopped.");
    return { url: server.url, database: server.databaseFile };
  }
}
