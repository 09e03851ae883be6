import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wideSchema } from "../registry/checks/wide-schema.js";
import { call, requireBuild, type ServeProcess, startServe, stopServe } from "./registry-processes.js";

/**
 * While `accord serve` registers a 5,000-property schema (about a second of validation and
 * compile, several on a busy machine), reads by id keep answering: the compile runs in a check
 * worker, not on the request loop. Figures for this are in bench/registry-large.js.
 */
const WIDE = 5_000;
/** Generous: a compile on the request loop would hold every read for its whole duration (seconds). */
const READ_BOUND_MS = 750;

describe("registry latency while a huge schema registers", () => {
  let server: ServeProcess | undefined;
  let dataDir = "";

  beforeAll(async () => {
    requireBuild();
    dataDir = mkdtempSync(join(tmpdir(), "accord-latency-"));
    server = await startServe({ dataDir });
  });

  afterAll(async () => {
    if (server) await stopServe(server);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("keeps GET /schemas/ids/{id} answering while a 5,000-property schema compiles", async () => {
    const url = (server as ServeProcess).url;
    const small = await call(`${url}/subjects/small-value/versions`, "POST", {
      schemaType: "JSON",
      schema: JSON.stringify({ type: "string" }),
    });
    expect(small.status).toBe(200);
    const read = `${url}/schemas/ids/${(small.body as { id: number }).id}`;

    let done = false;
    const started = performance.now();
    const registration = call(`${url}/subjects/wide-value/versions`, "POST", {
      schemaType: "JSON",
      schema: JSON.stringify(wideSchema(WIDE)),
    }).finally(() => {
      done = true;
    });
    const latencies: number[] = [];
    while (!done) {
      const before = performance.now();
      const reply = await call(read, "GET");
      latencies.push(performance.now() - before);
      expect(reply.status).toBe(200);
    }
    const registered = await registration;
    const registrationMs = performance.now() - started;

    expect(registered.status).toBe(200);
    expect(typeof (registered.body as { id: unknown }).id).toBe("number");
    // Reads were answered throughout, many of them, each well before the registration ended.
    expect(latencies.length).toBeGreaterThan(10);
    expect(Math.max(...latencies)).toBeLessThan(Math.min(READ_BOUND_MS, registrationMs));
  });
});
