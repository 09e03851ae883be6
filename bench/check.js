#!/usr/bin/env node
// `accord check`, the built CLI from cold start to exit, on two catalogs.
// 1. Generated: 1,000 subjects x 10 versions, FULL_TRANSITIVE (median of N runs). Two runs: every
//    version against all earlier ones (no --against), and a pull request adding v11 to ten subjects,
//    checked with --against main in a git repository of the same catalog.
// 2. Real-world: GitHub's webhook payload schemas (test/support/realworld.ts, 54 subjects x 6
//    releases), FULL_TRANSITIVE, once per output format: wall time, peak RSS and report size, against
//    a floor measured in the same run (parsing every version file, ajv compiling every schema).
// Prints its figures; only with --record adds the run to its table in bench/RESULTS.md.
// Usage: node bench/check.js [--subjects 1000] [--versions 10] [--runs 3] [--part all|generated|realworld]
//        [--realworld-subjects N] [--record] [--keep]
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { measureFloor, readVersionFiles, writeWebhookCatalog } from "./support/realworld.js";
import { loadNow, recordRun } from "./support/record.js";

const { values } = parseArgs({
  options: {
    subjects: { type: "string", default: "1000" },
    versions: { type: "string", default: "10" },
    runs: { type: "string", default: "3" },
    record: { type: "boolean", default: false },
    part: { type: "string", default: "all" },
    "realworld-subjects": { type: "string" },
    keep: { type: "boolean", default: false },
  },
});
const subjectCount = Number(values.subjects);
const versionCount = Number(values.versions);
const runs = Number(values.runs);

const root = fileURLToPath(new URL("../", import.meta.url));
const bin = fileURLToPath(new URL("../bin/run.js", import.meta.url));
if (!existsSync(join(root, "dist")) || !existsSync(join(root, "oclif.manifest.json"))) {
  console.error("bench/check: dist/ or oclif.manifest.json is missing; run `npm run build` first.");
  process.exit(2);
}

const DOMAINS = ["order", "payment", "shipment", "customer", "invoice", "refund", "cart", "review"];
const ACTIONS = ["placed", "captured", "sent", "registered", "issued", "updated", "cancelled", "archived"];
const EXTRA = [
  ["channel", { enum: ["web", "app", "store", "phone"], description: "Where it happened." }],
  ["locale", { type: "string", pattern: "^[a-z]{2}(-[A-Z]{2})?$", description: "BCP 47 language tag." }],
  ["traceId", { type: "string", minLength: 16, maxLength: 64, description: "Distributed trace id." }],
  ["attempt", { type: "integer", minimum: 1, maximum: 10, description: "Delivery attempt." }],
  ["tags", { type: "array", items: { type: "string", maxLength: 32 }, maxItems: 8, description: "Labels." }],
  ["amount", { type: "number", minimum: 0, description: "Amount in minor units." }],
  ["note", { type: "string", maxLength: 500, description: "Free text." }],
  ["source", { type: "string", format: "uri", description: "Emitting system." }],
  ["priority", { enum: ["low", "normal", "high"], description: "Handling priority." }],
  ["region", { type: "string", enum: ["eu", "us", "apac"], description: "Data residency region." }],
];

/**
 * Version N of a subject: an envelope, a small object payload, and N-1 optional properties added
 * one per version. Objects are open and the catalog says writers emit only declared properties,
 * which makes each addition compatible in both directions, so every chain passes FULL_TRANSITIVE.
 */
function schema(subject, index, version) {
  const properties = {
    id: { type: "string", format: "uuid", description: "Event id." },
    occurredAt: { type: "string", format: "date-time", description: "When it happened." },
    subject: { const: subject, description: "Event type." },
    data: {
      type: "object",
      description: "Payload.",
      properties: {
        key: { type: "string", pattern: "^[A-Z]{3}-[0-9]{4,8}$", description: "Business key." },
        quantity: { type: "integer", minimum: 0, maximum: 10000 + index, description: "Units." },
        status: { enum: ["new", "active", "done"], description: "Lifecycle state." },
      },
      required: ["key", "status"],
    },
  };
  for (let i = 0; i < version - 1; i++) {
    const [name, definition] = EXTRA[(i + index) % EXTRA.length];
    properties[`${name}${i}`] = definition;
  }
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: subject,
    description: `${subject}, version ${version}.`,
    type: "object",
    properties,
    required: ["id", "occurredAt", "subject", "data"],
  };
}

const names = Array.from(
  { length: subjectCount },
  (_, index) =>
    `${DOMAINS[index % DOMAINS.length]}-${ACTIONS[Math.floor(index / DOMAINS.length) % ACTIONS.length]}-${index}`,
);

function generate(dir) {
  writeFileSync(
    join(dir, "accord.yaml"),
    "version: 1\ncompatibility: FULL_TRANSITIVE\nwritersEmitOnlyDeclared: true\n",
  );
  for (let index = 0; index < subjectCount; index++) {
    const name = names[index];
    const folder = join(dir, "schemas", name);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, "subject.yaml"), `owners: [team-${index % 17}]\ntopic: ${name}\n`);
    for (let version = 1; version <= versionCount; version++) {
      writeFileSync(
        join(folder, `v${version}.json`),
        `${JSON.stringify(schema(name, index, version), null, 2)}\n`,
      );
    }
  }
}

function measure(label, args) {
  const samples = [];
  let report;
  for (let run = 0; run < runs; run++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, [bin, ...args], {
      cwd: root,
      env,
      encoding: "utf8",
      maxBuffer: 1 << 30,
    });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0) {
      console.error(
        `accord ${args.join(" ")} exited ${result.status}:\n${result.stderr}\n${result.stdout.slice(0, 2000)}`,
      );
      process.exit(1);
    }
    samples.push(ms);
    report = JSON.parse(result.stdout);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const outcome = {
    label,
    median: median(sorted),
    min: sorted[0],
    versions: report.checks.length,
    comparisons: report.checks.reduce((sum, check) => sum + check.against.length, 0),
  };
  console.log(
    `${label}: median ${(outcome.median / 1000).toFixed(2)} s (min ${(outcome.min / 1000).toFixed(2)} s) over ${runs} runs; ${outcome.versions} versions checked, ${outcome.comparisons} earlier versions compared with; aim < 3 s: ${outcome.median < 3000 ? "met" : "NOT met"}`,
  );
  return outcome;
}

function median(sorted) {
  const mid = sorted.length / 2;
  return sorted.length % 2 === 0 ? (sorted[mid - 1] + sorted[mid]) / 2 : sorted[Math.floor(mid)];
}

const env = { ...process.env };
delete env.NODE_ENV;

/** The generated catalog: every version, then a pull request. Returns the figures to record. */
function generatedPart(dir) {
  const generatedAt = process.hrtime.bigint();
  generate(dir);
  const generateMs = Number(process.hrtime.bigint() - generatedAt) / 1e6;
  console.log(
    `catalog: ${subjectCount} subjects x ${versionCount} versions (FULL_TRANSITIVE) in ${dir}, generated in ${(generateMs / 1000).toFixed(1)} s`,
  );

  const full = measure("every version", ["check", "--catalog", dir, "--json"]);

  // The pull request: the catalog committed on main, a branch adding v11 to ten subjects.
  const git = (...args) => {
    const run = spawnSync("git", args, { cwd: dir, encoding: "utf8" });
    if (run.status !== 0) throw new Error(`git ${args.join(" ")}: ${run.stderr}`);
  };
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("-c", "user.name=bench", "-c", "user.email=bench@accord.invalid", "commit", "-q", "-m", "catalog");
  git("checkout", "-q", "-b", "change");
  const changed = names.slice(0, 10);
  for (const name of changed) {
    writeFileSync(
      join(dir, "schemas", name, `v${versionCount + 1}.json`),
      `${JSON.stringify(schema(name, names.indexOf(name), versionCount + 1), null, 2)}\n`,
    );
  }
  const pr = measure("pull request, --against main", [
    "check",
    "--catalog",
    dir,
    "--against",
    "main",
    "--json",
  ]);

  const figures = (outcome) =>
    `${outcome.label} (${outcome.versions} checked, ${outcome.comparisons} compared): median ${(outcome.median / 1000).toFixed(2)} s, min ${(outcome.min / 1000).toFixed(2)} s (${outcome.median < 3000 ? "met" : "not met"})`;
  return `generated, ${subjectCount} subjects x ${versionCount} versions, median of ${runs} runs: ${figures(full)}; ${figures(pr)}`;
}

const FORMATS = ["json", "text", "github-actions", "junit", "sarif"];
const MAX_REPORT_BYTES = 10 * 1024 * 1024;
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;

/** One cold `accord check` of the catalog in a format: wall time, peak RSS, report size. */
function checkOnce(catalog, format, rssFile) {
  const start = process.hrtime.bigint();
  const result = spawnSync(
    process.execPath,
    ["--import", join(root, "bench", "support", "max-rss.js"), bin, "check", "--format", format],
    { cwd: catalog, env: { ...env, ACCORD_BENCH_RSS_FILE: rssFile }, maxBuffer: 1 << 30 },
  );
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 1) {
    console.error(
      `accord check --format ${format} exited ${result.status} (1 expected: the catalog has breaking changes):\n${result.stderr}`,
    );
    process.exit(1);
  }
  return {
    format,
    ms,
    rssKb: Number(readFileSync(rssFile, "utf8")),
    bytes: result.stdout.length,
    stdout: result.stdout,
  };
}

/** The real-world catalog, once per format, against the floor. Returns the figures and ratios to record. */
async function realworldPart(dir) {
  const catalog = join(dir, "webhooks");
  const subjects = writeWebhookCatalog(catalog, values["realworld-subjects"]);
  const files = readVersionFiles(catalog);
  const floor = await measureFloor(files);
  const floorMs = floor.parseMs + floor.compileMs;
  console.log(
    `real-world catalog: ${subjects.length} subjects, ${files.length} version files (GitHub webhook schemas, FULL_TRANSITIVE)`,
  );
  console.log(
    `floor: JSON.parse of every version file ${floor.parseMs.toFixed(0)} ms, ajv compiling every schema ${(floor.compileMs / 1000).toFixed(2)} s`,
  );
  const rssFile = join(dir, "rss");
  const outcomes = [];
  let findings;
  for (const format of FORMATS) {
    const outcome = checkOnce(catalog, format, rssFile);
    if (format === "json") findings = JSON.parse(outcome.stdout).findings.length;
    outcomes.push(outcome);
    console.log(
      `check --format ${format}: ${(outcome.ms / 1000).toFixed(2)} s (${(outcome.ms / floorMs).toFixed(2)}x the floor; aim < 15 s: ${outcome.ms < 15_000 ? "met" : "NOT met"}), peak RSS ${(outcome.rssKb / 1024).toFixed(0)} MiB (aim < 500 MiB: ${outcome.rssKb < 500 * 1024 ? "met" : "NOT met"}), report ${mb(outcome.bytes)} (bound 10 MiB: ${outcome.bytes <= MAX_REPORT_BYTES ? "met" : "NOT met"})`,
    );
  }
  console.log(`findings: ${findings} (one per change)`);
  const met = (o) =>
    [o.ms < 15_000, o.rssKb < 500 * 1024, o.bytes <= MAX_REPORT_BYTES].every(Boolean) ? "met" : "not met";
  return {
    figures: `real-world, ${subjects.length} subjects x 6 releases, ${findings} findings, floor ${(floorMs / 1000).toFixed(2)} s: ${outcomes
      .map(
        (o) =>
          `${o.format} ${(o.ms / 1000).toFixed(2)} s, ${(o.rssKb / 1024).toFixed(0)} MiB, ${mb(o.bytes)} (${met(o)})`,
      )
      .join("; ")}`,
    floor: `real-world: ${outcomes.map((o) => `${o.format} ${(o.ms / floorMs).toFixed(2)}x`).join(", ")}`,
  };
}

const dir = mkdtempSync(join(tmpdir(), "accord-bench-check-"));
try {
  const load = loadNow();
  const figures = [];
  const floors = [];
  if (values.part === "all" || values.part === "generated") {
    mkdirSync(join(dir, "generated"));
    figures.push(generatedPart(join(dir, "generated")));
  }
  if (values.part === "all" || values.part === "realworld") {
    const realworld = await realworldPart(dir);
    figures.push(realworld.figures);
    floors.push(realworld.floor);
  }
  if (values.record) {
    recordRun("check", { figures: figures.join("; "), floor: floors.join("; ") || undefined, load });
  }
} finally {
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
  else console.log(`kept ${dir}`);
}
