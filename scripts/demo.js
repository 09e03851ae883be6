#!/usr/bin/env node
// A guided tour of `accord diff` on the order-placed samples, then a sample catalog: generated
// stubs, the documentation site, and the CI gate (`accord check --against main`) catching a
// breaking change on a git branch; last, `accord impact` on the sample event's declared consumers. Runs the BUILT CLI (npm run demo builds first) exactly as a
// user would, so what you see is what CI would print.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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

// The site outlives the scratch folder so it can be opened after the demo ends.
const site = join(tmpdir(), "accord-demo-docs");
steps.push({
  title: "7. The catalog as a website",
  explain: [
    "`accord docs` builds a static site from the catalog: an index with search over event names,",
    "descriptions and field names; a page per event with owners, producers and consumers, each",
    "version's fields beside its raw schema, an example event, and the change from the version",
    "before with the engine's verdict; and a map of producers, events and consumers. It opens",
    "from disk, no server needed. Expected exit code: 0.",
  ],
  args: ["docs", "--catalog", join(scratch, "catalog"), "--out", site],
  expect: 0,
  after: () => {
    process.stdout.write(`\nThe site stays in ${site} after the demo: open the file:// address above.\n`);
  },
});

// The gate steps: a sample catalog in a git repository, and a pull-request branch that breaks it.
const gate = join(scratch, "gate");
const git = (...args) => {
  const run = spawnSync("git", args, { cwd: gate, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`git ${args.join(" ")} failed: ${run.stderr || run.error?.message}`);
};
const commitAll = (message) => {
  git("add", "-A");
  git("-c", "user.name=Accord Demo", "-c", "user.email=demo@accord.invalid", "commit", "-q", "-m", message);
};
const v3 = join(gate, "schemas/order-placed/v3.json");
steps.push(
  {
    title: "8. A catalog in git",
    explain: [
      "The CI gate compares a pull request with the branch it targets. First, a catalog in a git",
      "repository: `accord init`, then one commit on main. Expected exit code: 0.",
    ],
    args: ["init", gate],
    expect: 0,
    after: () => {
      git("init", "-q", "-b", "main");
      commitAll("Event catalog");
      process.stdout.write("\n$ git init -b main && git commit -am 'Event catalog'   (done)\n");
    },
  },
  {
    title: "9. A new version on a branch",
    explain: [
      "On a feature branch, `accord new-version` copies v2 to v3, ready to edit. The demo then",
      "drops CHF from v3's currency enum: consumers upgraded to v3 could no longer read an order",
      "a v2 producer placed in Swiss francs. Expected exit code: 0.",
    ],
    before: () => git("checkout", "-q", "-b", "drop-chf"),
    args: ["new-version", "order-placed"],
    cwd: gate,
    expect: 0,
    after: () => {
      const schema = JSON.parse(readFileSync(v3, "utf8"));
      schema.properties.currency.enum = ["EUR", "USD"];
      writeFileSync(v3, `${JSON.stringify(schema, null, 2)}\n`);
      commitAll("order-placed v3 without CHF");
      process.stdout.write("\n(edited v3: currency enum is now EUR, USD; committed on branch drop-chf)\n");
    },
  },
  {
    title: "10. The gate catches it",
    explain: [
      "`accord check --against main` reads the catalog as it is on main straight from git (no",
      "checkout), checks every version the branch adds against the ones before it, and fails",
      "with the rule id, the place in v3 and an example event v2 accepts and v3 rejects. In CI,",
      "this is the step that stops the pull request. Expected exit code: 1.",
    ],
    args: ["check", "--against", "main"],
    cwd: gate,
    expect: 1,
  },
  {
    title: "11. A deliberate break, acknowledged",
    explain: [
      "If no producer ever sent CHF, the team can say so in accord.yaml: an exception names the",
      "subject, version and rule (or the finding's fingerprint), with a reason and an expiry date.",
      "The finding is still shown, as acknowledged, and the gate passes. Expected exit code: 0.",
    ],
    before: () => {
      const config = readFileSync(join(gate, "accord.yaml"), "utf8").replace(
        "exceptions: []",
        [
          "exceptions:",
          "  - subject: order-placed",
          "    version: 3",
          "    rule: enum-value-removed",
          "    reason: No order was ever placed in CHF.",
          "    expires: 2099-12-31",
        ].join("\n"),
      );
      writeFileSync(join(gate, "accord.yaml"), config);
    },
    args: ["check", "--against", "main"],
    cwd: gate,
    expect: 0,
  },
);

// Consumer contracts: the sample event's consumers say what they read, and a candidate is judged
// against each of them before anything is committed.
const impact = join(scratch, "impact");
steps.push({
  title: "12. Which consumers a change would break",
  explain: [
    "Each consumer of order-placed declares in subject.yaml what it reads (billing-service:",
    "orderId, total, currency; fulfilment: every item's sku and quantity; analytics: placedAt).",
    "`accord impact` judges v2-compatible, as the next version, against each of them: can the",
    "consumer still read every event the new version allows? JPY breaks billing-service (it reads",
    "currency), longer SKUs break fulfilment, analytics is safe. Each break comes with an example",
    "event, checked with ajv. Expected exit code: 1.",
  ],
  before: () => {
    mkdirSync(join(impact, "schemas/order-placed"), { recursive: true });
    writeFileSync(join(impact, "accord.yaml"), "version: 1\nconsumerGate: true\n");
    writeFileSync(
      join(impact, "schemas/order-placed/v1.json"),
      readFileSync(join(root, "examples/order-placed/v1.json"), "utf8"),
    );
    writeFileSync(
      join(impact, "schemas/order-placed/subject.yaml"),
      [
        "consumers:",
        "  - name: billing-service",
        "    reads: [/orderId, /total, /currency]",
        "  - name: fulfilment",
        "    reads: [/items/*/sku, /items/*/quantity]",
        "  - name: analytics",
        "    reads: [/placedAt]",
        "",
      ].join("\n"),
    );
  },
  args: ["impact", "order-placed", "examples/order-placed/v2-compatible.json", "--catalog", impact],
  expect: 1,
});

let failures = 0;
for (const step of steps) {
  process.stdout.write(
    `\n=== ${step.title} ===\n\n${step.explain.join("\n")}\n\n$ accord ${step.args.join(" ")}\n\n`,
  );
  try {
    step.before?.();
  } catch (error) {
    // A set-up step (git) that cannot run means the demo cannot either; say why and go on.
    process.stdout.write(`could not prepare this step: ${error instanceof Error ? error.message : error}\n`);
    failures++;
    continue;
  }
  // Exit code 1 is the point of some steps, so a non-zero exit is reported, never thrown.
  const run = spawnSync(process.execPath, [bin, ...step.args], { cwd: step.cwd ?? root, stdio: "inherit" });
  const code = run.status ?? -1;
  if (code === step.expect) {
    try {
      step.after?.();
    } catch (error) {
      process.stdout.write(`could not finish this step: ${error instanceof Error ? error.message : error}\n`);
      failures++;
    }
  }
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
