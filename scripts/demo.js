#!/usr/bin/env node
// A guided tour of `accord diff` on the order-placed samples. Runs the BUILT CLI (npm run demo
// builds first) exactly as a user would, so what you see is what CI would print.
import { spawnSync } from "node:child_process";
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

let failures = 0;
for (const step of steps) {
  process.stdout.write(
    `\n=== ${step.title} ===\n\n${step.explain.join("\n")}\n\n$ accord ${step.args.join(" ")}\n\n`,
  );
  // Exit code 1 is the point of some steps, so a non-zero exit is reported, never thrown.
  const run = spawnSync(process.execPath, [bin, ...step.args], { cwd: root, stdio: "inherit" });
  const code = run.status ?? -1;
  process.stdout.write(`\n(exit code ${code})\n`);
  if (code !== step.expect) {
    process.stdout.write(`note: this step was expected to exit ${step.expect}.\n`);
  }
  // 0 and 1 are verdicts; 2 and 3 mean the demo itself could not run (bad build, missing file).
  if (code !== 0 && code !== 1) failures++;
}

if (failures > 0) {
  process.stdout.write(`\n${failures} step(s) could not run; is the build up to date (npm run build)?\n`);
  process.exitCode = 1;
}
