#!/usr/bin/env node
// Read latency while a huge schema registers: GET /schemas/ids/{id} over real sockets against an
// in-process registry app (dist/, temp SQLite file), idle first (the floor) and then while schemas
// of N properties register one after another. The same schema validated and compiled on this
// thread shows how long every read would wait if the check ran on the request loop.
// Usage: node bench/registry-large.js [--properties N] [--rounds R]
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    properties: { type: "string", default: "5000" },
    rounds: { type: "string", default: "3" },
  },
});
const width = Number(values.properties);
const rounds = Number(values.rounds);

const root = fileURLToPath(new URL("../", import.meta.url));
let buildApp;
let openSqliteStore;
let loadSchemaValue;
try {
  ({ buildApp } = await import(`${root}dist/registry/app.js`));
  ({ openSqliteStore } = await import(`${root}dist/registry/store/sqlite.js`));
  ({ loadSchemaValue } = await import(`${root}dist/contracts/schema/load.js`));
} catch {
  console.error("bench/registry-large: dist/ is missing or stale; run `npm run build` first.");
  process.exit(2);
}

const VND = "application/vnd.schemaregistry.v1+json";
const dataDir = mkdtempSync(join(tmpdir(), "accord-bench-large-"));
const store = openSqliteStore({ dataDir });
const app = buildApp({ store });
const url = await app.listen({ host: "127.0.0.1", port: 0 });

/** A wide event schema, unique by `seed` (its property names), as generated models look. */
function wideSchema(seed) {
  const properties = {};
  for (let index = 0; index < width; index++) {
    properties[`s${seed}_field_${index}`] = { type: index % 3 === 0 ? "integer" : "string", maxLength: 64 };
  }
  return { type: "object", properties };
}

async function request(method, path, payload) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { "content-type": VND },
    ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 200)}`);
  return JSON.parse(text);
}

async function timedRead(path) {
  const start = performance.now();
  await request("GET", path);
  return performance.now() - start;
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function summary(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) };
}

const { id } = await request("POST", "/subjects/small-value/versions", {
  schemaType: "JSON",
  schema: JSON.stringify({ type: "string" }),
});
const readPath = `/schemas/ids/${id}`;
// Warm-up: the first registration starts a check worker, which is not what is measured.
await request("POST", "/subjects/warm-value/versions", { schemaType: "JSON", schema: '{"type":"integer"}' });

const idle = [];
for (let n = 0; n < 500; n++) idle.push(await timedRead(readPath));

const during = [];
const registrations = [];
for (let round = 0; round < rounds; round++) {
  let done = false;
  const start = performance.now();
  const registering = request("POST", `/subjects/wide-${round}-value/versions`, {
    schemaType: "JSON",
    schema: JSON.stringify(wideSchema(round)),
  }).finally(() => {
    done = true;
  });
  while (!done) during.push(await timedRead(readPath));
  await registering;
  registrations.push(performance.now() - start);
}

// What a read would wait for if the check ran on the request loop: the same load, on this thread.
const inThread = [];
for (let round = 0; round < rounds; round++) {
  const start = performance.now();
  const loaded = loadSchemaValue(wideSchema(100 + round), "bench");
  if (!loaded.ok) throw new Error(loaded.error.message);
  inThread.push(performance.now() - start);
}

await app.close();
await store.close();
rmSync(dataDir, { recursive: true, force: true });

const floor = summary(idle);
const busy = summary(during);
const fixed = (value) => value.toFixed(1);
console.log(
  `Node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? "cpu"}, ${width} properties, ${rounds} rounds`,
);
console.log("");
console.log("| GET /schemas/ids/{id} | reads | p50 ms | p99 ms | max ms |");
console.log("|---|---:|---:|---:|---:|");
console.log(
  `| idle (floor) | ${floor.n} | ${fixed(floor.p50)} | ${fixed(floor.p99)} | ${fixed(floor.max)} |`,
);
console.log(
  `| while registering | ${busy.n} | ${fixed(busy.p50)} | ${fixed(busy.p99)} | ${fixed(busy.max)} |`,
);
console.log("");
const meanRegistration = registrations.reduce((a, b) => a + b, 0) / registrations.length;
const meanInThread = inThread.reduce((a, b) => a + b, 0) / inThread.length;
console.log(`registration of a ${width}-property schema: mean ${fixed(meanRegistration)} ms`);
console.log(`the same check on the request loop would hold every read for: mean ${fixed(meanInThread)} ms`);
const ratio = busy.p99 / floor.p99;
console.log(`p99 while registering / idle p99: ${ratio.toFixed(2)}`);
console.log(
  `aim: max read while registering < a tenth of the in-thread check -> ${fixed(busy.max)} ms vs ${fixed(meanInThread / 10)} ms ${busy.max < meanInThread / 10 ? "met" : "NOT met"}`,
);
