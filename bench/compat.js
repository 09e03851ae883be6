#!/usr/bin/env node
// Compatibility engine throughput: compareSchemas(old, new, "FULL") over 1,000 generated pairs of
// realistic event schemas (about 30 properties, 3 levels, enums, local $refs into $defs), with the
// time ajv needs to compile the same 2,000 schemas as the yardstick. Runs over the built dist/
// (`npm run build` first). Deterministic: the same seed gives the same pairs on every machine.
import os from "node:os";
import { performance } from "node:perf_hooks";
import { compareSchemas } from "../dist/contracts/compat/index.js";
import { validatorFor } from "../dist/contracts/schema/ajv.js";
import { createRng, generateEventSchema, mutateSchema } from "./fixtures/event-schemas.js";

const SEED = 20_240_601;
const PAIRS = 1_000;
const WARMUP = 150;
// Each round is fresh objects for the engine cold, then for ajv, then the engine again with ajv's
// validators already built; more rounds (BENCH_ROUNDS) give a median on a quiet machine.
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 1));
const AIM_MS = 1_000;

function countProperties(schema) {
  let count = 0;
  const visit = (node) => {
    if (node === null || typeof node !== "object") return;
    if (!Array.isArray(node) && node.properties && typeof node.properties === "object") {
      count += Object.keys(node.properties).length;
    }
    for (const child of Object.values(node)) visit(child);
  };
  visit(schema);
  return count;
}

function generatePairs(seed, n) {
  const rng = createRng(seed);
  const pairs = [];
  for (let i = 0; i < n; i++) {
    // 14-18 top-level properties plus nested objects and three $defs: about 30 properties in all.
    const old = generateEventSchema(rng, {
      properties: [14, 18],
      maxDepth: 3,
      nestedProperties: 4,
      defs: 3,
      refRate: 0.12,
    });
    pairs.push({ old, new: mutateSchema(rng, old) });
  }
  return pairs;
}

// Fresh objects for every round: the engine and ajv may cache per schema object, and a second pass
// over the same objects would measure the caches instead of the work.
function documents(pairs, round) {
  return pairs.map((pair, i) => ({
    old: {
      root: structuredClone(pair.old),
      draft: "draft-07",
      draftAssumed: true,
      source: `r${round} #${i} old`,
    },
    new: {
      root: structuredClone(pair.new),
      draft: "draft-07",
      draftAssumed: true,
      source: `r${round} #${i} new`,
    },
  }));
}

function timeEngine(docs) {
  const verdicts = { compatible: 0, incompatible: 0, undetermined: 0 };
  const start = performance.now();
  for (const doc of docs) verdicts[compareSchemas(doc.old, doc.new, "FULL").verdict]++;
  return { ms: performance.now() - start, verdicts };
}

function timeAjv(docs) {
  const start = performance.now();
  for (const doc of docs) {
    validatorFor(doc.old.root, doc.old.draft);
    validatorFor(doc.new.root, doc.new.draft);
  }
  return performance.now() - start;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (ms) => `${ms.toFixed(1)} ms`;

const pairs = generatePairs(SEED, PAIRS);
const sizes = pairs.map((p) => countProperties(p.old));
const bytes = pairs.reduce((n, p) => n + JSON.stringify(p.old).length, 0) / PAIRS;

// Warm-up: let V8 optimise the engine and ajv's code generator before anything is timed.
const warm = documents(generatePairs(SEED + 1, WARMUP), "warm");
timeEngine(warm);
timeAjv(documents(generatePairs(SEED + 2, WARMUP), "warm-ajv"));

const engineRuns = [];
const ajvRuns = [];
const precompiledRuns = [];
let verdicts;
for (let round = 0; round < ROUNDS; round++) {
  const engine = timeEngine(documents(pairs, round));
  engineRuns.push(engine.ms);
  verdicts = engine.verdicts;
  const compiled = documents(pairs, `ajv${round}`);
  ajvRuns.push(timeAjv(compiled));
  // The engine verifies every example with ajv, compiling both schemas when it finds a gap; with the
  // validators already cached this run shows the cost of the reasoning alone.
  precompiledRuns.push(timeEngine(compiled).ms);
}

const engineMs = median(engineRuns);
const ajvMs = median(ajvRuns);
const precompiledMs = median(precompiledRuns);
console.log(`compat engine, ${PAIRS} pairs, mode FULL (seed ${SEED}, median of ${ROUNDS} round(s))`);
console.log(
  `  machine: ${os.cpus()[0]?.model ?? "unknown cpu"} x${os.cpus().length}, Node ${process.version}`,
);
console.log(
  `  load average at the end: ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")} (shared machines inflate every figure)`,
);
console.log(
  `  schemas: ${median(sizes)} properties at all levels (median; ${Math.min(...sizes)}-${Math.max(...sizes)}), ` +
    `${Math.round(bytes)} bytes of JSON each on average, 3 $defs`,
);
console.log(
  `  verdicts: ${verdicts.compatible} compatible, ${verdicts.incompatible} incompatible, ${verdicts.undetermined} undetermined`,
);
console.log(`  engine:   ${fmt(engineMs)} total, ${((engineMs * 1000) / PAIRS).toFixed(0)} µs per pair`);
if (ROUNDS > 1) console.log(`            rounds: ${engineRuns.map(fmt).join(", ")}`);
console.log(
  `  engine with ajv validators already compiled: ${fmt(precompiledMs)} total, ` +
    `${((precompiledMs * 1000) / PAIRS).toFixed(0)} µs per pair`,
);
console.log(
  `  ajv compile of the same ${PAIRS * 2} schemas: ${fmt(ajvMs)} (${((ajvMs * 1000) / (PAIRS * 2)).toFixed(0)} µs each)`,
);
console.log(`  ratio engine / ajv compile: ${(engineMs / ajvMs).toFixed(2)}`);
console.log(
  `  aim: ${PAIRS} pairs under ${AIM_MS} ms of engine time: ${engineMs < AIM_MS ? "met" : "MISSED"}`,
);
