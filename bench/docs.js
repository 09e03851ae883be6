#!/usr/bin/env node
// Build time of `accord docs`, the BUILT CLI end to end (start-up, catalog load, model, render,
// write), wall and CPU time and the size of what it wrote, on two catalogs.
// 1. Generated: by default 1,000 subjects x 5 versions, each version a mutation of the one before
//    (so every step runs the compatibility engine), with owners, producers, consumers and tags;
//    then rebuilt with the draft cache (unchanged, and with one subject edited).
// 2. Real-world: GitHub's webhook payload schemas (test/support/realworld.ts, 54 subjects x 6
//    releases), a cold build (no cache) with its largest page, against a floor measured in the same
//    run (parsing every version file, ajv compiling every schema). Aims: under 10 s, no page over 1 MB.
// Usage: node bench/docs.js [--subjects N] [--versions N] [--runs N] [--seed N] [--max-seconds S]
//        [--part all|generated|realworld] [--realworld-subjects N] [--keep] [--record]
// Prints its figures; only with --record adds the run to its table in bench/RESULTS.md.
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createRng, generateEventSchema, mutateSchema } from "./fixtures/event-schemas.js";
import { measureFloor, readVersionFiles, writeWebhookCatalog } from "./support/realworld.js";
import { loadNow, recordRun } from "./support/record.js";

const { values } = parseArgs({
  options: {
    subjects: { type: "string", default: "1000" },
    versions: { type: "string", default: "5" },
    runs: { type: "string", default: "3" },
    seed: { type: "string", default: "7" },
    "max-seconds": { type: "string" },
    part: { type: "string", default: "all" },
    "realworld-subjects": { type: "string" },
    keep: { type: "boolean", default: false },
    record: { type: "boolean", default: false },
  },
});
const subjectCount = Number(values.subjects);
const versionCount = Number(values.versions);
const runs = Number(values.runs);
const maxSeconds = values["max-seconds"] === undefined ? undefined : Number(values["max-seconds"]);

const root = fileURLToPath(new URL("../", import.meta.url));
const bin = fileURLToPath(new URL("../bin/run.js", import.meta.url));
if (
  !existsSync(join(root, "dist", "cli", "commands", "docs.js")) ||
  !existsSync(join(root, "oclif.manifest.json"))
) {
  console.error("bench/docs: dist/ or oclif.manifest.json is missing; run `npm run build` first.");
  process.exit(2);
}

const DOMAINS = ["orders", "payments", "shipping", "inventory", "customers", "catalog", "pricing", "returns"];
const ENTITIES = [
  "order",
  "payment",
  "parcel",
  "stock",
  "account",
  "product",
  "price",
  "refund",
  "invoice",
  "cart",
];
const ACTIONS = ["created", "updated", "cancelled", "confirmed", "failed", "expired", "moved", "closed"];
const SERVICES = Array.from({ length: 60 }, (_, i) => `service-${String(i + 1).padStart(2, "0")}`);

/** Writes the catalog and returns its folder. Deterministic for a seed. */
function writeCatalog(dir) {
  const rng = createRng(Number(values.seed));
  writeFileSync(
    join(dir, "accord.yaml"),
    "version: 1\ncompatibility: BACKWARD\ndocs:\n  title: Benchmark catalog\n",
  );
  for (let i = 0; i < subjectCount; i++) {
    const domain = DOMAINS[i % DOMAINS.length];
    const name = `${domain}.${rng.pick(ENTITIES)}-${rng.pick(ACTIONS)}-${i}`;
    const folder = join(dir, "schemas", name);
    mkdirSync(folder, { recursive: true });
    const list = (items) => `[${items.join(", ")}]`;
    const tags = rng.chance(0.2)
      ? [domain, rng.pick(DOMAINS)].filter((t, k, all) => all.indexOf(t) === k)
      : [domain];
    writeFileSync(
      join(folder, "subject.yaml"),
      [
        `description: "${name} happened; emitted once per change, in order per key."`,
        `owners: [team-${domain}]`,
        `topic: ${domain}.events`,
        `producers: ${list(rng.pickSome(SERVICES, rng.int(1, 2)))}`,
        `consumers: ${list(rng.pickSome(SERVICES, rng.int(1, 4)))}`,
        `tags: ${list(tags)}`,
        ...(rng.chance(0.05) ? ["deprecated:", "  reason: Superseded by a newer event."] : []),
        "",
      ].join("\n"),
    );
    let schema = {
      $schema: "https://json-schema.org/draft/2020-12/schema",
      description: `${name}.`,
      ...generateEventSchema(rng, { properties: [4, 12], defs: rng.int(0, 2) }),
    };
    for (let v = 1; v <= versionCount; v++) {
      if (v > 1) schema = mutateSchema(rng, schema);
      writeFileSync(join(folder, `v${v}.json`), `${JSON.stringify(schema, null, 2)}\n`);
    }
  }
}

function sizeOf(dir) {
  let bytes = 0;
  let files = 0;
  let largest = 0;
  let largestPage = { size: 0, path: "" };
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const size = statSync(path).size;
    bytes += size;
    files++;
    largest = Math.max(largest, size);
    if (entry.name.endsWith(".html") && size > largestPage.size) largestPage = { size, path };
  }
  return { bytes, files, largest, largestPage };
}

const env = { ...process.env };
delete env.NODE_ENV;

/**
 * CPU seconds (user + system) of this process's finished children, from /proc (Linux). On a shared
 * machine wall time mostly measures the neighbours; CPU time measures the work.
 */
function childCpuSeconds() {
  try {
    const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
    // Fields 16 and 17 (cutime, cstime) counted from the state field, which is field 3.
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return Number.NaN;
  }
}

function build(catalog, out, format, cache = ["--no-cache"]) {
  const cpuBefore = childCpuSeconds();
  const start = process.hrtime.bigint();
  const result = spawnSync(
    process.execPath,
    [bin, "docs", "--catalog", catalog, "--out", out, "--format", format, "--json", ...cache],
    { cwd: root, env, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 },
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = childCpuSeconds() - cpuBefore;
  if (result.status !== 0)
    throw new Error(`accord docs exited ${result.status}: ${result.stderr}${result.stdout}`);
  return { seconds, cpu, result: JSON.parse(result.stdout) };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;
const ONE_MB = 1024 * 1024;

function generatedPart(work) {
  const catalog = join(work, "catalog");
  mkdirSync(catalog);
  const generated = process.hrtime.bigint();
  writeCatalog(catalog);
  console.log(
    `catalog: ${subjectCount} subjects x ${versionCount} versions (seed ${values.seed}), written in ${(Number(process.hrtime.bigint() - generated) / 1e9).toFixed(1)} s`,
  );
  console.log(
    `machine: ${cpus().length} cores, Node ${process.version}, load average ${loadavg()[0].toFixed(1)}`,
  );

  const figures = [];
  const times = [];
  const cpuTimes = [];
  let last;
  for (let run = 1; run <= runs; run++) {
    // Each run starts from an empty folder, so every file is written, and builds without the cache.
    rmSync(join(work, "site"), { recursive: true, force: true });
    last = build(catalog, join(work, "site"), "html");
    times.push(last.seconds);
    cpuTimes.push(last.cpu);
    console.log(
      `html run ${run}: ${last.seconds.toFixed(2)} s wall, ${last.cpu.toFixed(2)} s CPU, ${last.result.threads} thread(s) (inside the command: ${(last.result.durationMs / 1000).toFixed(2)} s wall)`,
    );
  }
  const site = sizeOf(join(work, "site"));
  const index = statSync(join(work, "site", "index.html")).size;
  const search = statSync(join(work, "site", "assets", "search-index.js")).size;
  console.log(
    `html: ${last.result.files} files, ${kb(site.bytes)} in all; index.html ${kb(index)}, search-index.js ${kb(search)}, largest file ${kb(site.largest)}`,
  );
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  console.log(`html median: ${median.toFixed(2)} s over ${runs} run(s)`);
  figures.push(
    `generated, ${subjectCount} subjects x ${versionCount} versions, ${last.result.threads} thread(s): HTML, no cache ${times.map((t) => t.toFixed(1)).join(", ")} s wall, ${cpuTimes.map((t) => t.toFixed(1)).join(", ")} s CPU, ${last.result.files} files, ${kb(site.bytes)} (index.html ${kb(index)}, search-index.js ${kb(search)})`,
  );

  for (const format of ["markdown", "asyncapi"]) {
    const { seconds, cpu, result } = build(catalog, join(work, format), format);
    const line = `${format}: ${seconds.toFixed(2)} s wall, ${cpu.toFixed(2)} s CPU, ${result.files} file(s), ${kb(sizeOf(join(work, format)).bytes)}`;
    console.log(line);
    figures.push(line);
  }

  // Rebuilds with the draft cache: first filling it, then unchanged, then with one subject edited.
  const cache = ["--cache-dir", join(work, "cache")];
  const report = (label, { seconds, cpu, result }) => {
    const line = `${label}: ${seconds.toFixed(2)} s wall, ${cpu.toFixed(2)} s CPU, ${result.cached} subject(s) from the cache`;
    console.log(line);
    figures.push(line);
  };
  report("html, filling the cache", build(catalog, join(work, "cached-site"), "html", cache));
  report("html, nothing changed", build(catalog, join(work, "cached-site"), "html", cache));
  const edited = readdirSync(join(catalog, "schemas")).sort()[0];
  const latest = join(catalog, "schemas", edited, `v${versionCount}.json`);
  const schema = JSON.parse(readFileSync(latest, "utf8"));
  schema.description = `${schema.description ?? ""} Edited.`;
  writeFileSync(latest, JSON.stringify(schema, null, 2));
  report("html, one subject edited", build(catalog, join(work, "cached-site"), "html", cache));

  if (maxSeconds !== undefined && median > maxSeconds) {
    console.error(`html median ${median.toFixed(2)} s exceeds --max-seconds ${maxSeconds}`);
    process.exitCode = 1;
  }
  return figures.join("; ");
}

/** The real-world catalog: one cold build, its largest page, against the floor. Returns the figures to record. */
async function realworldPart(work) {
  const catalog = join(work, "webhooks");
  const subjects = writeWebhookCatalog(catalog, values["realworld-subjects"]);
  const files = readVersionFiles(catalog);
  const floor = await measureFloor(files);
  const floorSeconds = (floor.parseMs + floor.compileMs) / 1000;
  console.log(
    `real-world catalog: ${subjects.length} subjects, ${files.length} version files (GitHub webhook schemas); floor: JSON.parse ${floor.parseMs.toFixed(0)} ms + ajv compiling every schema ${(floor.compileMs / 1000).toFixed(2)} s`,
  );
  const out = join(work, "webhooks-site");
  const { seconds, cpu, result } = build(catalog, out, "html");
  const site = sizeOf(out);
  console.log(
    `real-world html, cold: ${seconds.toFixed(2)} s wall (${(seconds / floorSeconds).toFixed(2)}x the floor; aim < 10 s: ${seconds < 10 ? "met" : "NOT met"}), ${cpu.toFixed(2)} s CPU, ${result.threads} thread(s); ${site.files} files, ${kb(site.bytes)} in all; largest page ${kb(site.largestPage.size)} (${site.largestPage.path.slice(out.length + 1)}; aim <= 1 MiB: ${site.largestPage.size <= ONE_MB ? "met" : "NOT met"}), largest file ${kb(site.largest)}`,
  );
  return {
    figures: `real-world, ${subjects.length} subjects, floor ${floorSeconds.toFixed(2)} s: HTML, cold ${seconds.toFixed(2)} s wall, ${cpu.toFixed(2)} s CPU, ${site.files} files, ${kb(site.bytes)}, largest page ${kb(site.largestPage.size)}`,
    floor: `real-world HTML ${(seconds / floorSeconds).toFixed(2)}x`,
  };
}

const work = mkdtempSync(join(tmpdir(), "accord-bench-docs-"));
try {
  const load = loadNow();
  const figures = [];
  let floor;
  if (values.part === "all" || values.part === "generated") figures.push(generatedPart(work));
  if (values.part === "all" || values.part === "realworld") {
    const realworld = await realworldPart(work);
    figures.push(realworld.figures);
    floor = realworld.floor;
  }
  if (values.record) recordRun("docs", { figures: figures.join("; "), floor, load });
} finally {
  if (values.keep) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
