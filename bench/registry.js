#!/usr/bin/env node
// Registry throughput over real sockets: an in-process `accord serve` app (dist/, temp SQLite file,
// synchronous=FULL) against a bare fastify route as the reference, measured with autocannon in one
// run. Usage: node bench/registry.js [--duration S] [--connections N] [--seed-schemas N]
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import Fastify from "fastify";

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "10" },
    "seed-schemas": { type: "string", default: "1000" },
    subjects: { type: "string", default: "50" },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
const seedSchemas = Number(values["seed-schemas"]);
const subjectCount = Number(values.subjects);

const root = fileURLToPath(new URL("../", import.meta.url));
let buildApp;
let openSqliteStore;
try {
  ({ buildApp } = await import(`${root}dist/registry/app.js`));
  ({ openSqliteStore } = await import(`${root}dist/registry/store/sqlite.js`));
} catch {
  console.error("bench/registry: dist/ is missing or stale; run `npm run build` first.");
  process.exit(2);
}

const VND = "application/vnd.schemaregistry.v1+json";
const dataDir = mkdtempSync(join(tmpdir(), "accord-bench-registry-"));
const store = openSqliteStore({ dataDir });
const app = buildApp({ store });
const registryUrl = await app.listen({ host: "127.0.0.1", port: 0 });

const bare = Fastify();
bare.get("/", async () => ({ ok: true }));
const bareUrl = await bare.listen({ host: "127.0.0.1", port: 0 });

/** An event schema unique by `n`, shaped like real ones (a few typed, constrained fields). */
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

function body(schema) {
  return JSON.stringify({ schemaType: "JSON", schema: JSON.stringify(schema) });
}

// Seed: schemas to look up by id, in a subject with compatibility NONE.
await post(`/config/seed-value`, { compatibility: "NONE" }, "PUT");
for (let n = 0; n < seedSchemas; n++)
  await post("/subjects/seed-value/versions", JSON.parse(body(eventSchema(n))));
const existingBody = body(eventSchema(0));

async function post(path, payload, method = "POST") {
  const response = await fetch(`${registryUrl}${path}`, {
    method,
    headers: { "content-type": VND },
    body: JSON.stringify(payload),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

function run(name, url, request) {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections, duration, requests: [request] }, (err, result) => {
      if (err) reject(err);
      else resolve({ name, result });
    });
  });
}

let nextId = 0;
let nextNew = 1_000_000;
const scenarios = [
  ["bare fastify GET / (reference)", bareUrl, { method: "GET", path: "/" }],
  [
    "GET /schemas/ids/{id}",
    registryUrl,
    {
      method: "GET",
      path: "/schemas/ids/1",
      setupRequest(request) {
        request.path = `/schemas/ids/${1 + (nextId++ % seedSchemas)}`;
        return request;
      },
    },
  ],
  [
    "re-register an existing schema",
    registryUrl,
    {
      method: "POST",
      path: "/subjects/seed-value/versions",
      headers: { "content-type": VND },
      body: existingBody,
    },
  ],
  [
    `register new schemas (${subjectCount} subjects, BACKWARD)`,
    registryUrl,
    {
      method: "POST",
      path: "/subjects/new-0-value/versions",
      headers: { "content-type": VND },
      setupRequest(request) {
        const n = nextNew++;
        // Compatible under BACKWARD with the subject's latest version, yet a new schema: every
        // request is a validation, a real compatibility check and a durable write.
        request.path = `/subjects/new-${n % subjectCount}-value/versions`;
        request.body = body(newVersion(n));
        return request;
      },
    },
  ],
];

/** Versions of one subject differ only in title: BACKWARD-compatible, yet a new schema each time. */
function newVersion(n) {
  const schema = eventSchema(n % subjectCount);
  schema.title = `Event ${n}`;
  return schema;
}

// The reference runs first and last; machines shared with other work drift, and the mean of
// the two is a fairer baseline than either.
scenarios.push(["bare fastify GET / (reference, again)", bareUrl, { method: "GET", path: "/" }]);

const rows = [];
for (const [name, url, request] of scenarios) {
  const { result } = await run(name, url, request);
  const ok = result["2xx"];
  if (result.non2xx > 0 || result.errors > 0) {
    console.error(`${name}: ${result.non2xx} non-2xx responses, ${result.errors} errors`);
    process.exitCode = 1;
  }
  rows.push({ name, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, ok });
}

// The new-registration scenario must have written what it acknowledged.
let written = 0;
for (let k = 0; k < subjectCount; k++) {
  const response = await fetch(`${registryUrl}/subjects/new-${k}-value/versions`);
  if (response.ok) written += (await response.json()).length;
}
// autocannon counts answers that arrived within the duration; a few more land just after it.
const acknowledged = rows[3].ok;
if (written < acknowledged) {
  console.error(`new registrations: ${acknowledged} acknowledged but only ${written} stored`);
  process.exitCode = 1;
}

await app.close();
await bare.close();
await store.close();
rmSync(dataDir, { recursive: true, force: true });

const reference = (rows[0].rps + rows[4].rps) / 2;
console.log(
  `Node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? "cpu"}, ${connections} connections, ${duration} s per scenario, ${seedSchemas} seeded schemas`,
);
console.log("");
console.log("| scenario | req/s | p50 ms | p99 ms | vs bare (mean of both runs) |");
console.log("|---|---:|---:|---:|---:|");
for (const row of rows) {
  console.log(
    `| ${row.name} | ${Math.round(row.rps).toLocaleString("en")} | ${row.p50} | ${row.p99} | ${(row.rps / reference).toFixed(2)} |`,
  );
}
console.log("");
console.log(
  `new registrations stored: ${written} (every one of the ${acknowledged} counted as acknowledged)`,
);
const lookup = rows[1].rps / reference;
const creates = rows[3].rps;
console.log(`aim: id lookup >= 0.5 x bare -> ${lookup.toFixed(2)} ${lookup >= 0.5 ? "met" : "NOT met"}`);
console.log(
  `aim: new registrations >= 2,000/s -> ${Math.round(creates)} ${creates >= 2000 ? "met" : "NOT met"}`,
);
