#!/usr/bin/env node
// `accord generate`: (1) decode+validate throughput of a generated consumer on a realistic 10-field
// event against ajv compiling the same schema at run time, in the same process, alternating; (2)
// generation time for 200 subjects x 5 versions, in-process (plan + render) and through the built
// CLI (catalog on disk to files on disk). Aims: >= 1,000,000 decodes/s and no slower than runtime
// ajv; generation under 10 s. Usage: node bench/generate.js [--seconds S] [--rounds N] [--strict]
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import ts from "typescript";
import { createRng, generateEventSchema, mutateSchema } from "./fixtures/event-schemas.js";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "0.4" },
    rounds: { type: "string", default: "15" },
    strict: { type: "boolean", default: false },
  },
});
const SECONDS = Number(values.seconds);
const ROUNDS = Number(values.rounds);

const root = fileURLToPath(new URL("../", import.meta.url));
if (!existsSync(join(root, "dist/templates/typescript/render.js"))) {
  console.error("bench/generate: dist/ is missing or stale; run `npm run build` first.");
  process.exit(2);
}
const dist = (path) => import(pathToFileURL(join(root, "dist", path)).href);
const [
  { planGeneration },
  { renderTypeScript },
  { bundleWithEsbuild },
  { loadSchemaValue },
  { fingerprint },
] = await Promise.all([
  dist("contracts/codegen/plan.js"),
  dist("templates/typescript/render.js"),
  dist("cli/generate/output.js"),
  dist("contracts/schema/load.js"),
  dist("contracts/schema/canonical.js"),
]);
const addFormats = addFormatsModule.default;

/** A realistic order event: 10 top-level fields, formats, an enum, a nested object and an array. */
const SCHEMA = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  additionalProperties: false,
  required: ["eventId", "occurredAt", "orderId", "customer", "items", "currency", "total", "channel"],
  properties: {
    eventId: { type: "string", format: "uuid" },
    occurredAt: { type: "string", format: "date-time" },
    orderId: { type: "string", minLength: 1, maxLength: 64 },
    customer: {
      type: "object",
      required: ["customerId", "email"],
      properties: {
        customerId: { type: "string", minLength: 1, maxLength: 64 },
        email: { type: "string", format: "email" },
        name: { type: "string", maxLength: 200 },
      },
    },
    items: {
      type: "array",
      minItems: 1,
      maxItems: 100,
      items: {
        type: "object",
        required: ["sku", "quantity", "unitPrice"],
        properties: {
          sku: { type: "string", pattern: "^[A-Z0-9-]{3,32}$" },
          quantity: { type: "integer", minimum: 1 },
          unitPrice: { type: "number", minimum: 0 },
        },
      },
    },
    currency: { enum: ["EUR", "USD", "GBP", "CHF"] },
    total: { type: "number", minimum: 0 },
    channel: { enum: ["web", "app", "store"] },
    couponCode: { type: "string", maxLength: 20 },
    shippingAddress: {
      type: "object",
      required: ["country"],
      properties: {
        street: { type: "string" },
        city: { type: "string" },
        country: { type: "string", minLength: 2, maxLength: 2 },
      },
    },
  },
};
const EVENT = {
  eventId: "6f1c1f1e-6a5e-4b7e-9d3c-1b2a3c4d5e6f",
  occurredAt: "2024-05-01T10:15:30.123Z",
  orderId: "ORD-2024-000123",
  customer: { customerId: "C-98765", email: "ada.lovelace@example.com", name: "Ada Lovelace" },
  items: [
    { sku: "BOOK-0001", quantity: 1, unitPrice: 29.9 },
    { sku: "PEN-0042", quantity: 3, unitPrice: 2.5 },
  ],
  currency: "EUR",
  total: 37.4,
  channel: "web",
  couponCode: "SPRING24",
  shippingAddress: { street: "12 Analytical Way", city: "London", country: "GB" },
};
const SCHEMA_ID = 42;

function loaded(schema, source) {
  const result = loadSchemaValue(schema, source);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

async function render(subjects, wire) {
  const plan = planGeneration({ subjects, wire, module: "esm" });
  if (!plan.ok) throw new Error(plan.error.message);
  const files = await renderTypeScript(plan.value, { bundle: bundleWithEsbuild });
  if (!files.ok) throw new Error(files.error.message);
  return files.value;
}

/** Strips types (as a consumer's build would) and imports the generated package. */
async function importGenerated(files) {
  const dir = mkdtempSync(join(tmpdir(), "accord-bench-generate-"));
  for (const file of files) {
    const out = join(dir, file.path.replace(/\.ts$/, ".js"));
    mkdirSync(dirname(out), { recursive: true });
    const js = ts.transpileModule(file.content, {
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
    }).outputText;
    writeFileSync(out, js);
  }
  writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n');
  const module = await import(pathToFileURL(join(dir, "index.js")).href);
  return { module, dir };
}

/** Calls per second of `fn` over about `SECONDS`, in batches so the clock is read rarely. */
function throughput(fn, input) {
  let sink = 0;
  const batch = 10_000;
  const start = process.hrtime.bigint();
  const budget = BigInt(Math.round(SECONDS * 1e9));
  let calls = 0;
  let elapsed = 0n;
  do {
    for (let i = 0; i < batch; i++) sink += fn(input).version;
    calls += batch;
    elapsed = process.hrtime.bigint() - start;
  } while (elapsed < budget);
  if (sink !== calls * 2) throw new Error("a decode returned the wrong version");
  return calls / (Number(elapsed) / 1e9);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length / 2;
  return s.length % 2 === 0 ? (s[mid - 1] + s[mid]) / 2 : s[Math.floor(mid)];
};
const fmt = (n) => Math.round(n).toLocaleString("en-US");

console.log(
  `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), Node ${process.version}, load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`,
);

// ---------------------------------------------------------------- (1) decode+validate throughput
const document = loaded(SCHEMA, "bench order");
const subject = {
  subject: "order-placed",
  registrySubject: "order-placed-value",
  // Two versions, so decode has a real choice to make; the frame carries the latest's id.
  versions: [
    {
      version: 1,
      document: loaded({ ...SCHEMA, required: ["eventId"] }, "v1"),
      fingerprint: "sha256:0",
      schemaId: SCHEMA_ID - 1,
    },
    { version: 2, document, fingerprint: fingerprint(document.root), schemaId: SCHEMA_ID },
  ],
};
const generated = await importGenerated(await render([subject], "confluent"));
const { decodeOrderPlaced, encodeOrderPlaced, isOrderPlacedV2 } = generated.module;
const bytes = encodeOrderPlaced(EVENT);

// The same work with ajv compiling the schema at run time (same options as Accord's).
const compileStart = process.hrtime.bigint();
const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
addFormats(ajv);
const validate = ajv.compile(SCHEMA);
const compileMs = Number(process.hrtime.bigint() - compileStart) / 1e6;
const decoder = new TextDecoder("utf-8", { fatal: true });
function decodeWithRuntimeAjv(frame) {
  if (frame.length < 5 || frame[0] !== 0) throw new Error("not a Confluent frame");
  const id = (frame[1] << 24) | (frame[2] << 16) | (frame[3] << 8) | frame[4];
  if (id !== SCHEMA_ID) throw new Error(`unknown schema id ${id}`);
  const value = JSON.parse(decoder.decode(frame.subarray(5)));
  if (!validate(value)) throw new Error(ajv.errorsText(validate.errors));
  return { version: 2, value };
}
const parsed = JSON.parse(JSON.stringify(EVENT));
const guardOnly = (value) => ({ version: isOrderPlacedV2(value) ? 2 : 0 });
const runtimeOnly = (value) => ({ version: validate(value) ? 2 : 0 });

if (JSON.stringify(decodeOrderPlaced(bytes)) !== JSON.stringify(decodeWithRuntimeAjv(bytes))) {
  throw new Error("the generated and the runtime decoder disagree");
}
const text = decoder.decode(bytes.subarray(5));
const parseOnly = (input) => ({ version: JSON.parse(input) === null ? 0 : 2 });
const scenarios = [
  {
    name: "generated decodeOrderPlaced (frame + UTF-8 + JSON.parse + validate)",
    fn: decodeOrderPlaced,
    input: bytes,
  },
  { name: "runtime ajv, same steps", fn: decodeWithRuntimeAjv, input: bytes },
  { name: "generated validator alone (parsed event)", fn: guardOnly, input: parsed },
  { name: "runtime ajv validator alone (parsed event)", fn: runtimeOnly, input: parsed },
  { name: "JSON.parse alone (the ceiling for any JSON decoder)", fn: parseOnly, input: text },
];
for (const scenario of scenarios) throughput(scenario.fn, scenario.input); // warm-up, JIT
const samples = scenarios.map(() => []);
for (let round = 0; round < ROUNDS; round++) {
  // Each round starts with a different scenario, so none always runs right after the same other one.
  for (let step = 0; step < scenarios.length; step++) {
    const index = (round + step) % scenarios.length;
    const scenario = scenarios[index];
    samples[index].push(throughput(scenario.fn, scenario.input));
  }
}
console.log(
  `\nDecode+validate, ${bytes.length}-byte frame, ${ROUNDS} rounds of ${SECONDS} s each (rotating order), median ops/s:`,
);
const medians = samples.map(median);
scenarios.forEach((scenario, index) => {
  console.log(
    `  ${scenario.name.padEnd(72)} ${fmt(medians[index]).padStart(12)}  (min ${fmt(Math.min(...samples[index]))})`,
  );
});
console.log(
  `  runtime ajv compile of the schema (paid at start-up, every process): ${compileMs.toFixed(1)} ms`,
);
const [gen, runtime] = medians;
const decodeAim = gen >= 1_000_000;
const parityAim = gen >= runtime * 0.97;
console.log(`  generated / runtime: ${(gen / runtime).toFixed(2)}x`);
rmSync(generated.dir, { recursive: true, force: true });

// ------------------------------------------------------- (2) generation time, 200 subjects x 5
const SUBJECTS = 200;
const VERSIONS = 5;
const rng = createRng(0x6e4e);
const catalog = [];
for (let s = 0; s < SUBJECTS; s++) {
  let schema = generateEventSchema(rng, { properties: [4, 12], maxDepth: 3, defs: rng.chance(0.3) ? 2 : 0 });
  const versions = [];
  for (let v = 1; v <= VERSIONS; v++) {
    versions.push(schema);
    schema = mutateSchema(rng, schema);
  }
  catalog.push({ name: `subject-${String(s).padStart(3, "0")}`, versions });
}
const inputs = catalog.map(({ name, versions }) => ({
  subject: name,
  registrySubject: `${name}-value`,
  versions: versions.map((schema, index) => {
    const doc = loaded(schema, `${name} v${index + 1}`);
    return { version: index + 1, document: doc, fingerprint: fingerprint(doc.root), schemaId: 1000 + index };
  }),
}));
// Wall time depends on what else the machine runs; CPU time (one thread here) much less so.
const renderStart = process.hrtime.bigint();
const renderCpu = process.cpuUsage();
const files = await render(inputs, "json");
const renderMs = Number(process.hrtime.bigint() - renderStart) / 1e6;
const renderCpuUsage = process.cpuUsage(renderCpu);
const renderCpuMs = (renderCpuUsage.user + renderCpuUsage.system) / 1000;
const bytesOut = files.reduce((sum, file) => sum + file.content.length, 0);

const work = mkdtempSync(join(tmpdir(), "accord-bench-generate-cli-"));
const files2 = { "accord.yaml": "version: 1\n" };
for (const { name, versions } of catalog) {
  versions.forEach((schema, index) => {
    files2[`schemas/${name}/v${index + 1}.json`] = `${JSON.stringify(schema, null, 2)}\n`;
  });
}
for (const [path, text] of Object.entries(files2)) {
  const full = join(work, "catalog", path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, text);
}
mkdirSync(join(work, "app"));
const env = { ...process.env };
delete env.NODE_ENV;
function cli(extraEnv, ...args) {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [join(root, "bin/run.js"), "generate", ...args], {
    cwd: join(work, "app"),
    env: { ...env, ...extraEnv },
    encoding: "utf8",
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0)
    throw new Error(`accord generate ${args.join(" ")} exited ${run.status}: ${run.stderr}`);
  return ms;
}
const cliArgs = ["--catalog", "../catalog", "--wire", "json"];
const cliMs = cli({}, ...cliArgs, "--out", "gen");
const singleMs = cli({ ACCORD_WORKERS: "0" }, ...cliArgs, "--out", "gen-single");
const checkMs = cli({}, ...cliArgs, "--out", "gen", "--check");
rmSync(work, { recursive: true, force: true });

console.log(
  `\nGeneration, ${SUBJECTS} subjects x ${VERSIONS} versions (${files.length} files, ${(bytesOut / 1e6).toFixed(1)} MB):`,
);
console.log(
  `  in-process plan + render, one thread: ${(renderMs / 1000).toFixed(2)} s wall, ${(renderCpuMs / 1000).toFixed(2)} s CPU`,
);
console.log(
  `  accord generate (built CLI, catalog on disk -> files on disk): ${(cliMs / 1000).toFixed(2)} s`,
);
console.log(`  the same on one thread (ACCORD_WORKERS=0): ${(singleMs / 1000).toFixed(2)} s`);
console.log(`  accord generate --check (nothing written): ${(checkMs / 1000).toFixed(2)} s`);
const generationAim = cliMs < 10_000;

console.log("\nAims:");
console.log(`  >= 1,000,000 decodes/s: ${decodeAim ? "met" : "NOT met"} (${fmt(gen)})`);
console.log(
  `  generated no slower than runtime ajv: ${parityAim ? "met" : "NOT met"} (${(gen / runtime).toFixed(2)}x)`,
);
console.log(`  generation under 10 s: ${generationAim ? "met" : "NOT met"} (${(cliMs / 1000).toFixed(2)} s)`);
if (values.strict && !(decodeAim && parityAim && generationAim)) process.exitCode = 1;
