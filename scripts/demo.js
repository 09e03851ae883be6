#!/usr/bin/env node
// A guided tour of `accord diff` on the order-placed samples. Runs the BUILT CLI (npm run demo
// builds first) exactly as a user would, so what you see is what CI would print.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const bin = fileURLToPath(new URL("../bin/run.js", import.meta.url));

const steps = [
  {
    title: "1. A change that looks harmless",
    explain: [
      "v2 of order-placed mostly rewords descriptions. Hidden in the edit: the currency enum lost",
      "CHF, and sku's maxLength went from 32 to 24. Under BACKWARD (the default), consumers",
      "upgraded to v2 must still read every event v1 producers may emit. Accord proves the break",
      "with an example event that v1 accepts and v2 rejects. Expected exit code: 1.",
    ],
    args: ["diff", "examples/order-placed/v1.json", "examples/order-placed/v2.json"],
    expect: 1,
  },
  {
    title: "2. A change that is safe for upgraded consumers",
    explain: [
      "v2-compatible only widens: a new enum value (JPY), a longer sku limit, customer.email",
      "made optional, and an optional couponCode on an object that was closed",
      "(additionalProperties: false), so no v1 event can carry a couponCode. Every v1 event is",
      "still a valid v2 event. Expected exit code: 0.",
    ],
    args: ["diff", "examples/order-placed/v1.json", "examples/order-placed/v2-compatible.json"],
    expect: 0,
  },
  {
    title: "3. The same change, the other way round",
    explain: [
      "FORWARD asks the opposite question: can consumers still on v1 read what v2 producers emit?",
      "They cannot (a v2 event may say JPY), so the same pair fails under FORWARD and FULL.",
      "Compatibility has a direction. Expected exit code: 1.",
    ],
    args: [
      "diff",
      "examples/order-placed/v1.json",
      "examples/order-placed/v2-compatible.json",
      "--mode",
      "FULL",
    ],
    expect: 1,
  },
];

// The generate steps work in a scratch folder: a sample catalog, and a consuming project beside it.
const scratch = mkdtempSync(join(tmpdir(), "accord-demo-"));
const consumer = join(scratch, "consumer");
mkdirSync(consumer);
steps.push(
  {
    title: "4. A catalog to generate from",
    explain: [
      "`accord init` writes a sample catalog: accord.yaml and order-placed in two versions.",
      "Expected exit code: 0.",
    ],
    args: ["init", join(scratch, "catalog")],
    expect: 0,
  },
  {
    title: "5. Typed producer and consumer stubs",
    explain: [
      "A team consuming order-placed generates, in its own repository, TypeScript types for every",
      "version, precompiled validators, encoders and a decoder that returns a union by version.",
      "The code needs no package at run time. The sample catalog is not published to a registry,",
      "so this uses the json wire format; with --wire confluent (the default) each version's",
      "schema id comes from accord.lock or a registry lookup. Expected exit code: 0.",
    ],
    args: ["generate", "--catalog", "../catalog", "--wire", "json", "--out", "src/events"],
    cwd: consumer,
    expect: 0,
    after: () => {
      const codec = readFileSync(join(consumer, "src/events/order-placed/index.ts"), "utf8");
      const start = codec.indexOf("/** The latest version");
      const end = codec.indexOf("/** Where the contract");
      process.stdout.write(`\nsrc/events/order-placed/index.ts (excerpt):\n\n${codec.slice(start, end)}`);
    },
  },
  {
    title: "6. The drift gate for CI",
    explain: [
      "`--check` writes nothing and exits 1 when the generated files or accord.lock differ from",
      "what the catalog generates now. Nothing changed, so: expected exit code 0.",
    ],
    args: ["generate", "--catalog", "../catalog", "--wire", "json", "--out", "src/events", "--check"],
    cwd: consumer,
    expect: 0,
  },
);

let failures = 0;
for (const step of steps) {
  process.stdout.write(
    `\n=== ${step.title} ===\n\n${step.explain.join("\n")}\n\n$ accord ${step.args.join(" ")}\n\n`,
  );
  // Exit code 1 is the point of some steps, so a non-zero exit is reported, never thrown.
  const run = spawnSync(process.execPath, [bin, ...step.args], { cwd: step.cwd ?? root, stdio: "inherit" });
  const code = run.status ?? -1;
  if (code === step.expect) step.after?.();
  process.stdout.write(`\n(exit code ${code})\n`);
  if (code !== step.expect) {
    process.stdout.write(`note: this step was expected to exit ${step.expect}.\n`);
  }
  // 0 and 1 are verdicts; 2 and 3 mean the demo itself could not run (bad build, missing file).
  if (code !== 0 && code !== 1) failures++;
}

rmSync(scratch, { recursive: true, force: true });

if (failures > 0) {
  process.stdout.write(`\n${failures} step(s) could not run; is the build up to date (npm run build)?\n`);
  process.exitCode = 1;
}
