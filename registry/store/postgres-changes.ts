import pg from "pg";

/**
 * Tells every instance on one PostgreSQL database when another instance has permanently deleted
 * schemas, so none keeps serving a purged id from its cache: the deleting transaction sends a
 * NOTIFY (delivered at COMMIT, so never for a rolled-back delete) and each instance LISTENs on a
 * connection of its own. Config, mode, versions and soft deletes need nothing: instances read them
 * from the database on every request.
 */

/** One channel per database; the payload names the Accord schema (namespace) the purge was in. */
export const PURGE_CHANNEL = "accord_purge";

/** Waiting this long before listening again after the connection was lost. */
const RECONNECT_MS = 500;

export class PurgeListener {
  private readonly connectionString: string;
  private readonly schema: string;
  private readonly listeners: (() => void)[] = [];
  private client: pg.Client | undefined;
  private retry: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(connectionString: string, schema: string) {
    this.connectionString = connectionString;
    this.schema = schema;
  }

  onPurge(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Connects and listens; resolves once LISTEN is in place. */
  async start(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.connectionString,
      application_name: "accord-listen",
    });
    client.on("notification", (message) => {
      if (message.channel === PURGE_CHANNEL && message.payload === this.schema) this.emit();
    });
    // A lost connection may have missed notifications: caches are dropped, then listening resumes.
    const lost = () => {
      if (this.closed || this.client !== client) return;
      this.client = undefined;
      client.end().catch(() => undefined);
      this.emit();
      this.retry = setTimeout(() => void this.start().catch(() => undefined), RECONNECT_MS);
      this.retry.unref();
    };
    client.on("error", lost);
    client.on("end", lost);
    this.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${PURGE_CHANNEL}`);
    } catch (err) {
      lost();
      throw err;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
