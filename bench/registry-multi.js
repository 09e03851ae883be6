#!/usr/bin/env node
// Registry throughput per store, over real sockets, each instance a real `accord serve` process
// (dist/): SQLite, PostgreSQL, and two instances on one PostgreSQL database sharing the same load
// (autocannon per instance, half the connections each, as an L4 balancer would split them).
// PostgreSQL needs a URL in ACCORD_BENCH_PG_URL or ACCORD_TEST_PG_URL (a role that may CREATE
// DATABASE; `source .ci/postgres.sh && accord_pg_start` makes a throwaway one); without one,
// only SQLite is measured.
// Usage: node bench/registry-multi.js [--duration S] [--connections N] [--seed-schemas N]
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "8" },
    connections: { type: "string", default: "16" },
    "seed-schemas": { type: "string", default: "1000" },
    subjects: { type: "string", default: "50" },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
const seedSchemas = Number(values["seed-schemas"]);
const subjectCount = Number(values.subjects);
const VND = "application/vnd.schemaregistry.v1+json";

const root = fileURLToPath(new URL("../", import.meta.url));
const bin = join(root, "bin", "run.js");
if (!existsSync(join(root, "dist", "cli", "commands", "serve.js"))) {
  console.error("bench/registry-multi: dist/ is missing; run `npm run build` first.");
  process.exit(2);
}
const pgUrl = process.env.ACCORD_BENCH_PG_URL ?? process.env.ACCORD_TEST_PG_URL;
if (!pgUrl) {
  console.error(
    "bench/registry-multi: no ACCORD_BENCH_PG_URL (or ACCORD_TEST_PG_URL): measuring SQLite only. For PostgreSQL, `source .ci/postgres.sh && accord_pg_start` first.",
  );
}

const children = [];
const dataDir = mkdtempSync(join(tmpdir(), "accord-bench-multi-"));

function serve(store) {
  const env = { ...process.env, ACCORD_STORE: store };
  const child = spawn(
    process.execPath,
    [bin, "serve", "--host", "127.0.0.1", "--port", "0", "--data", dataDir],
    {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  children.push(child);
  let out = "";
  return new Promise((resolve, reject) => {
    const onData = (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match) resolve({ child, url: match[1] });
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
}

async function stop(server) {
  server.child.kill("SIGTERM");
  await new Promise((resolve) => server.child.once("exit", resolve));
}

async function freshDatabase() {
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  const name = `accord_bench_${Date.now().toString(36)}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const dropper = new pg.Client({ connectionString: pgUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

function eventSchema(n) {
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: `Event${n}`,
    type: "object",
    properties: {
      eventId: { type: "string", format: "uuid" },
      occurredAt: { type: "string", format: "date-time" },
      amount: { type: "number", minimum: 0 },
      [`field${n}`]: { type: "string", maxLength: 64 },
    },
    required: ["eventId", "occurredAt"],
  };
}
const body = (schema) => JSON.stringify({ schemaType: "JSON", schema: JSON.stringify(schema) });
/** Versions of one subject differ only in title: BACKWARD-compatible, yet a new schema each time. */
function newVersion(n) {
  const schema = eventSchema(n % subjectCount);
  schema.title = `Event ${n}`;
  return schema;
}

async function post(url, path, payload, method = "POST") {
  const response = await fetch(`${url}${path}`, { method, headers: { "content-type": VND }, body: payload });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

async function seed(url) {
  await post(url, "/config/seed-value", JSON.stringify({ compatibility: "NONE" }), "PUT");
  for (let n = 0; n < seedSchemas; n++)
    await post(url, "/subjects/seed-value/versions", body(eventSchema(n)));
}

function cannon(url, conns, request) {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: conns, duration, requests: [request] }, (err, result) =>
      err ? reject(err) : resolve(result),
    );
  });
}

let nextId = 0;
let nextNew = 1_000_000;
const byId = () => ({
  method: "GET",
  path: "/schemas/ids/1",
  setupRequest(request) {
    request.path = `/schemas/ids/${1 + (nextId++ % seedSchemas)}`;
    return request;
  },
});
const register = () => ({
  method: "POST",
  path: "/subjects/new-0-value/versions",
  headers: { "content-type": VND },
  setupRequest(request) {
    const n = nextNew++;
    request.path = `/subjects/new-${n % subjectCount}-value/versions`;
    request.body = body(newVersion(n));
    return request;
  },
});

/** Runs one scenario spread over the given instances; sums their figures. */
async function measure(urls, makeRequest) {
  const share = Math.max(1, Math.round(connections / urls.length));
  const results = await Promise.all(urls.map((url) => cannon(url, share, makeRequest())));
  const failures = results.reduce((sum, r) => sum + r.non2xx + r.errors, 0);
  return {
    rps: results.reduce((sum, r) => sum + r.requests.average, 0),
    p50: Math.max(...results.map((r) => r.latency.p50)),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    ok: results.reduce((sum, r) => sum + r["2xx"], 0),
    failures,
  };
}

async function stored(url) {
  let count = 0;
  for (let k = 0; k < subjectCount; k++) {
    const response = await fetch(`${url}/subjects/new-${k}-value/versions`);
    if (response.ok) count += (await response.json()).length;
  }
  return count;
}

const rows = [];
async function configuration(name, stores) {
  const servers = [];
  for (const store of stores) servers.push(await serve(store));
  const urls = servers.map((server) => server.url);
  await seed(urls[0]);
  nextNew = 1_000_000 + rows.length * 1_000_000;
  for (const [scenario, make] of [
    ["GET /schemas/ids/{id}", byId],
    [`register new schemas (${subjectCount} subjects, BACKWARD)`, register],
  ]) {
    const figures = await measure(urls, make);
    if (figures.failures > 0) {
      console.error(`${name} / ${scenario}: ${figures.failures} non-2xx responses or errors`);
      process.exitCode = 1;
    }
    rows.push({ name, scenario, ...figures });
  }
  const written = await stored(urls[0]);
  const acknowledged = rows.at(-1).ok;
  if (written < acknowledged) {
    console.error(`${name}: ${acknowledged} registrations acknowledged but only ${written} stored`);
    process.exitCode = 1;
  }
  rows.at(-1).stored = written;
  for (const server of servers) await stop(server);
}

try {
  await configuration("SQLite, 1 instance", ["sqlite"]);
  if (pgUrl) {
    const single = await freshDatabase();
    await configuration("PostgreSQL, 1 instance", [single.url]);
    await single.drop();
    const shared = await freshDatabase();
    await configuration("PostgreSQL, 2 instances", [shared.url, shared.url]);
    await shared.drop();
  }
} finally {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
}

console.log(
  `Node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? "cpu"}, ${connections} connections in total, ${duration} s per scenario, ${seedSchemas} seeded schemas; every instance a separate \`accord serve\` process`,
);
console.log("");
console.log("| store | scenario | req/s | p50 ms | p99 ms | acknowledged | stored |");
console.log("|---|---|---:|---:|---:|---:|---:|");
for (const row of rows) {
  console.log(
    `| ${row.name} | ${row.scenario} | ${Math.round(row.rps).toLocaleString("en")} | ${row.p50} | ${row.p99} | ${row.ok.toLocaleString("en")} | ${row.stored === undefined ? "" : row.stored.toLocaleString("en")} |`,
  );
}
