import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lockKeys } from "../../registry/store/postgres.js";
import { createDatabase, PG_SKIP_REASON, PG_URL } from "../registry/store/postgres-helpers.js";
import { call, requireBuild, type ServeProcess, startServe, stopServe } from "./registry-processes.js";

/**
 * Two `accord serve` instances on one PostgreSQL database, several clients sending 1,000 distinct
 * schemas and 1,000 duplicates at once across both: one id per schema, duplicates share it, and
 * every subject is numbered 1..n.
 */
const DISTINCT = 1000;
const SUBJECTS = 10;
const CLIENTS = 12;

interface Job {
  readonly n: number;
  readonly subject: string;
  readonly instance: number;
}

const run = PG_URL ? describe : describe.skip;

run(`two registry instances on one PostgreSQL${PG_URL ? "" : ` (skipped: ${PG_SKIP_REASON})`}`, () => {
  let database: Awaited<ReturnType<typeof createDatabase>> | undefined;
  const servers: ServeProcess[] = [];
  let dataDir = "";

  beforeAll(async () => {
    requireBuild();
    dataDir = mkdtempSync(join(tmpdir(), "accord-concurrency-"));
    database = await createDatabase();
    const store = database.url;
    servers.push(...(await Promise.all([startServe({ dataDir, store }), startServe({ dataDir, store })])));
  });

  afterAll(async () => {
    await Promise.all(servers.map((server) => stopServe(server, "SIGKILL")));
    await database?.drop();
    if (dataDir !== "") rmSync(dataDir, { recursive: true, force: true });
  });

  it("never issues a duplicate id or version, whatever instance answers", async () => {
    const urls = servers.map((server) => server.url);
    expect((await call(`${urls[0]}/config`, "PUT", { compatibility: "NONE" })).status).toBe(200);

    const schemaText = (n: number) =>
      JSON.stringify({ type: "object", title: `Event ${n}`, properties: { [`f${n}`]: { type: "string" } } });
    const jobs: Job[] = [];
    for (let n = 0; n < DISTINCT; n++)
      jobs.push({ n, subject: `orders-${n % SUBJECTS}-value`, instance: n % 2 });
    // Duplicates: half the same schema in the same subject sent to the other instance, half the
    // same schema in a mirror subject (same id, that subject's own version).
    for (let n = 0; n < DISTINCT; n++) {
      const subject = n % 2 === 0 ? `orders-${n % SUBJECTS}-value` : `mirror-${n % SUBJECTS}-value`;
      jobs.push({ n, subject, instance: (n + 1) % 2 });
    }
    shuffle(jobs, 42);

    const results: (Job & { id: number; version: number })[] = [];
    let retried = 0;
    let next = 0;
    const client = async () => {
      while (next < jobs.length) {
        const job = jobs[next++] as Job;
        for (let attempt = 1; ; attempt++) {
          const reply = await call(`${urls[job.instance]}/subjects/${job.subject}/versions`, "POST", {
            schemaType: "JSON",
            schema: schemaText(job.n),
          });
          if (reply.status === 200) {
            const { id, version } = reply.body as { id: number; version: number };
            results.push({ ...job, id, version });
            break;
          }
          // 50002 (the subject kept changing under another instance) is Confluent's retryable answer.
          if (reply.status >= 500 && attempt < 5) {
            retried++;
            continue;
          }
          throw new Error(`${job.subject} schema ${job.n}: ${reply.status} ${reply.text}`);
        }
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: CLIENTS }, client));
    const seconds = (performance.now() - started) / 1000;
    expect(results).toHaveLength(2 * DISTINCT);

    // One id per schema, shared by its duplicates; ids 1..1000 with no gap.
    const idOf = new Map<number, number>();
    for (const result of results) {
      const known = idOf.get(result.n);
      if (known !== undefined) expect(result.id, `schema ${result.n}`).toBe(known);
      else idOf.set(result.n, result.id);
    }
    const ids = [...new Set(idOf.values())].sort((a, b) => a - b);
    expect(ids).toHaveLength(DISTINCT);
    expect(ids.at(0)).toBe(1);
    expect(ids.at(-1)).toBe(DISTINCT);

    // No (subject, version) answered for two schemas, and every subject numbered 1..n.
    const owner = new Map<string, number>();
    for (const result of results) {
      const key = `${result.subject}@${result.version}`;
      const previous = owner.get(key);
      if (previous !== undefined) expect(result.n, key).toBe(previous);
      owner.set(key, result.n);
    }
    const subjects = (await call(`${urls[1]}/subjects`, "GET")).body as string[];
    // Mirrors take the odd schemas, so only the odd-numbered subjects have one.
    expect(subjects).toHaveLength(SUBJECTS + SUBJECTS / 2);
    let versions = 0;
    for (const subject of subjects) {
      for (const url of urls) {
        const listed = (await call(`${url}/subjects/${subject}/versions`, "GET")).body as number[];
        expect(listed, subject).toEqual(listed.map((_, index) => index + 1));
        if (url === urls[0]) versions += listed.length;
      }
    }
    // 1,000 in orders-*, plus the 500 mirrored ones.
    expect(versions).toBe(DISTINCT + DISTINCT / 2);
    console.info(
      `concurrency test: ${2 * DISTINCT} registrations over 2 instances, ${CLIENTS} clients, ${seconds.toFixed(1)} s, ${retried} client retries`,
    );
  }, 180_000);

  it("shows a permanent delete and a config change made through one instance on the other within a second", async () => {
    const [a, b] = servers.map((server) => server.url) as [string, string];
    const registered = await call(`${a}/subjects/purged-value/versions`, "POST", {
      schemaType: "JSON",
      schema: JSON.stringify({ type: "object", title: "purged once" }),
    });
    const id = (registered.body as { id: number }).id;
    // B reads it (and caches the answer by id).
    expect((await call(`${b}/schemas/ids/${id}`, "GET")).status).toBe(200);
    expect((await call(`${a}/subjects/purged-value`, "DELETE")).status).toBe(200);
    expect((await call(`${a}/subjects/purged-value?permanent=true`, "DELETE")).status).toBe(200);
    const deleted = Date.now();
    let status = 200;
    while (status === 200 && Date.now() - deleted < 5_000) {
      status = (await call(`${b}/schemas/ids/${id}`, "GET")).status;
      if (status === 200) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(status).toBe(404);
    expect(Date.now() - deleted).toBeLessThan(1_000);

    expect((await call(`${a}/config/orders-0-value`, "PUT", { compatibility: "FULL" })).status).toBe(200);
    expect((await call(`${b}/config/orders-0-value`, "GET")).body).toEqual({ compatibilityLevel: "FULL" });
    expect((await call(`${a}/mode/orders-0-value`, "PUT", { mode: "READONLY" })).status).toBe(200);
    expect((await call(`${b}/mode/orders-0-value`, "GET")).body).toEqual({ mode: "READONLY" });
  });

  it("on SIGTERM turns /readyz 503, finishes the registration in flight, then exits 0", async () => {
    const url = (database as { url: string }).url;
    const draining = await startServe({ dataDir, store: url, args: ["--drain", "2000"] });
    const key = lockKeys(["drain-value"])[0];
    // Hold the subject's advisory lock from outside, so the registration is provably in flight
    // (waiting inside its transaction) when the signal arrives.
    const blocker = new pg.Client({ connectionString: url });
    await blocker.connect();
    try {
      await blocker.query("SELECT pg_advisory_lock($1)", [key]);
      const inFlight = call(`${draining.url}/subjects/drain-value/versions`, "POST", {
        schemaType: "JSON",
        schema: '{"title":"in flight at SIGTERM"}',
      });
      await until("the registration to wait on the lock", async () => {
        // A bigint advisory key shows in pg_locks as classid (high 32 bits) and objid (low 32 bits).
        const big = BigInt.asUintN(64, BigInt(key as string));
        const { rows } = await blocker.query(
          `SELECT count(*)::int AS n FROM pg_locks
           WHERE locktype = 'advisory' AND NOT granted AND objsubid = 1
             AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
             AND classid::text::bigint = $1 AND objid::text::bigint = $2`,
          [(big >> 32n).toString(), (big & 0xffffffffn).toString()],
        );
        return rows[0]?.n > 0;
      });
      draining.child.kill("SIGTERM");
      await until("/readyz to answer 503", async () => {
        const ready = await call(`${draining.url}/readyz`, "GET");
        return (
          ready.status === 503 &&
          (ready.body as { message?: string }).message === "Not ready: the server is shutting down"
        );
      });
      // Past the drain the listener is closed, yet the request in flight is still being waited for.
      await until("the listener to close", () =>
        fetch(`${draining.url}/`).then(
          () => false,
          () => true,
        ),
      );
      expect(draining.child.exitCode).toBeNull();
      await blocker.query("SELECT pg_advisory_unlock($1)", [key]);
      const reply = await inFlight;
      expect(reply.status).toBe(200);
      expect(await draining.exited).toBe(0);
      const stored = await call(`${servers[0]?.url}/subjects/drain-value/versions/latest`, "GET");
      expect(stored.body).toMatchObject({ id: (reply.body as { id: number }).id, version: 1 });
    } finally {
      await blocker.end();
      await stopServe(draining, "SIGKILL");
    }
  }, 60_000);
});

/** Polls until `check` holds; timing-independent, bounded at 15 s. */
async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Deterministic Fisher–Yates, so a failure can be replayed. */
function shuffle<T>(items: T[], seed: number): void {
  let state = seed;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
}
