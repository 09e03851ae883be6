import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GenerateResult } from "../../cli/commands/generate.js";
import {
  ORDER_V1,
  ORDER_V2,
  SHIPMENT_V1,
  SHIPMENT_V2,
  VALID_SHIPMENT,
} from "../templates/typescript/fixtures.js";
import {
  type CatalogSubjectSpec,
  lockText,
  runNode,
  snapshot,
  tsc,
  writeCatalog,
  writeConsumer,
  writeTree,
} from "./generate-support.js";
import { type CliResult, runCli } from "./helpers.js";

const root = mkdtempSync(join(tmpdir(), "accord-e2e-generate-"));
const catalog = join(root, "catalog");
const app = join(root, "app");

const SUBJECTS: Record<string, CatalogSubjectSpec & { ids: number[] }> = {
  "order-placed": { versions: [ORDER_V1, ORDER_V2], registrySubject: "order-placed-value", ids: [3, 7] },
  shipment: { versions: [SHIPMENT_V1, SHIPMENT_V2], ids: [21, 22] },
};

const ORDER = {
  orderId: "o-1",
  placedAt: "2024-05-01T10:00:00Z",
  customer: { customerId: "c-1", email: "ada@example.com" },
  items: [{ sku: "SKU-1", quantity: 2, unitPrice: 3.5 }],
  currency: "EUR",
  total: 7,
};

const USAGE = `import {
  AccordWireError,
  decodeOrderPlaced,
  decodeShipment,
  encodeOrderPlaced,
  encodeOrderPlacedV1,
  encodeShipment,
  isOrderPlacedV2,
  type OrderPlaced,
  type OrderPlacedMessage,
  type ShipmentV2,
} from "./events/index.js";

declare const console: { log(message: string): void };

/** A consumer handles every version it may meet; the switch is exhaustive or this does not compile. */
function describe(message: OrderPlacedMessage): string {
  switch (message.version) {
    case 2:
      return \`v2 \${message.value.orderId} \${message.value.currency}\`;
    case 1:
      return \`v1 \${message.value.orderId} \${message.value.currency}\`;
  }
}

function failure(run: () => unknown): string {
  try {
    run();
    return "no error";
  } catch (error) {
    if (error instanceof AccordWireError) return \`\${error.code} \${error.subject} v\${error.version} \${error.path}: \${error.reason}\`;
    throw error;
  }
}

const order: OrderPlaced = ${JSON.stringify(ORDER)};
const shipment: ShipmentV2 = { ...${JSON.stringify(VALID_SHIPMENT)}, kind: "shipment", carrier: "DHL" };
const unknown: unknown = JSON.parse(JSON.stringify(order));
const frame = encodeOrderPlaced(order);
const shipped = decodeShipment(encodeShipment(shipment));

console.log(
  JSON.stringify({
    v2: describe(decodeOrderPlaced(frame)),
    v1: describe(decodeOrderPlaced(encodeOrderPlacedV1({ ...order, currency: "CHF" }))),
    shipment: shipped.version === 2 ? shipped.value.carrier : "wrong version",
    header: Array.from(frame.subarray(0, 5)),
    guard: isOrderPlacedV2(unknown) ? unknown.total : -1,
    badEvent: failure(() => encodeOrderPlaced({ ...order, placedAt: "yesterday" })),
    badId: failure(() => decodeOrderPlaced(new Uint8Array([0, 0, 0, 0, 42, 123, 125]))),
  }),
);
`;

const EXPECT_ERRORS = `import { encodeOrderPlaced, type OrderPlaced, type OrderPlacedMessage, type OrderPlacedV1 } from "./events/index.js";

const order: OrderPlaced = ${JSON.stringify(ORDER)};

// @ts-expect-error a required field (orderId) is missing
export const missing: OrderPlaced = { placedAt: order.placedAt, customer: order.customer, items: order.items, currency: "EUR", total: 1 };

// @ts-expect-error quantity is a number, not a string
export const wrongType: OrderPlaced = { ...order, items: [{ sku: "a", quantity: "2", unitPrice: 1 }] };

// @ts-expect-error CHF is a v1 currency only
export const wrongEnum = encodeOrderPlaced({ ...order, currency: "CHF" });

// @ts-expect-error there is no version 3
export const noSuchVersion: OrderPlacedMessage = { version: 3, value: order };

// @ts-expect-error the version and its value must agree
export const mixed: OrderPlacedMessage = { version: 2, value: { ...order, currency: "CHF" } };

export const fine: OrderPlacedV1 = { ...order, currency: "CHF" };
`;

function generate(args: readonly string[], cwd = app): Promise<CliResult> {
  return runCli(["generate", ...args], { cwd, timeoutMs: 60_000 });
}

function json(result: CliResult): GenerateResult {
  return JSON.parse(result.stdout) as GenerateResult;
}

/** A usage or input error: exit 2, one line on stderr, no stack. */
function inputError(result: CliResult): string {
  expect(result.code, result.stderr).toBe(2);
  const lines = result.stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  return lines[0] ?? "";
}

beforeAll(() => {
  writeCatalog(catalog, SUBJECTS);
  writeConsumer(app, { type: "module" });
  writeTree(app, {
    "accord.yaml": "generate:\n  catalog: ../catalog\n  out: src/events\n",
    "src/usage.ts": USAGE,
    "src/expect-errors.ts": EXPECT_ERRORS,
  });
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("accord generate: a consuming project", () => {
  it("refuses the confluent wire format without a way to get schema ids, and writes nothing", async () => {
    const line = inputError(await generate([]));
    expect(line).toBe(
      'accord: no schema id for subject "order-placed" version 1: accord.lock has no id for it, and no registry is named to look it up (generate.registry, --registry, or registry.url in the catalog\'s accord.yaml)',
    );
    expect(existsSync(join(app, "src/events"))).toBe(false);
    expect(existsSync(join(app, "accord.lock"))).toBe(false);
  });

  it("generates with the ids pinned in accord.lock and reports every file", async () => {
    writeFileSync(join(app, "accord.lock"), lockText(SUBJECTS));
    const result = await generate(["--json"]);
    expect(result.code, result.stderr).toBe(0);
    const outcome = json(result);
    expect(outcome).toMatchObject({
      source: "catalog ../catalog",
      out: "src/events",
      wire: "confluent",
      module: "esm",
    });
    expect(
      outcome.subjects.map((subject) => [
        subject.subject,
        subject.typeName,
        subject.versions.map((v) => v.schemaId),
      ]),
    ).toEqual([
      ["order-placed", "OrderPlaced", [3, 7]],
      ["shipment", "Shipment", [21, 22]],
    ]);
    expect(outcome.changed.map((change) => `${change.status} ${change.path}`)).toEqual(
      [
        "unchanged accord.lock",
        "created src/events/_runtime/ajv.ts",
        "created src/events/_runtime/wire.ts",
        "created src/events/index.ts",
        "created src/events/order-placed/index.ts",
        "created src/events/order-placed/v1.ts",
        "created src/events/order-placed/v1.validate.ts",
        "created src/events/order-placed/v2.ts",
        "created src/events/order-placed/v2.validate.ts",
        "created src/events/shipment/index.ts",
        "created src/events/shipment/v1.ts",
        "created src/events/shipment/v1.validate.ts",
        "created src/events/shipment/v2.ts",
        "created src/events/shipment/v2.validate.ts",
      ].filter((line) => !line.startsWith("unchanged")),
    );
    // The lock it rewrote is byte-identical to the one the team had.
    expect(readFileSync(join(app, "accord.lock"), "utf8")).toBe(lockText(SUBJECTS));
  });

  it("compiles under tsc --strict, and every @ts-expect-error line is a real type error", () => {
    const result = tsc(app, "--noEmit");
    expect(result.output).toBe("");
    expect(result.code).toBe(0);
    // The same file without the directives must fail on exactly those lines.
    const broken = join(app, "src/expect-errors.ts");
    writeFileSync(broken, EXPECT_ERRORS.replaceAll(/^\/\/ @ts-expect-error.*$/gm, "//"));
    try {
      const failing = tsc(app, "--noEmit");
      expect(failing.code).not.toBe(0);
      const lines = [...failing.output.matchAll(/expect-errors\.ts\((\d+),/g)].map((m) => Number(m[1]));
      expect(new Set(lines)).toEqual(new Set([6, 9, 12, 15, 18]));
    } finally {
      writeFileSync(broken, EXPECT_ERRORS);
    }
  });

  it("runs a producer to consumer round trip for several versions with Node and no node_modules", () => {
    const build = tsc(app);
    expect(build.output).toBe("");
    const bare = join(root, "bare");
    cpSync(join(app, "dist"), bare, { recursive: true });
    writeFileSync(join(bare, "package.json"), '{ "type": "module" }\n');
    for (let dir = bare; dir !== dirname(dir); dir = dirname(dir)) {
      expect(existsSync(join(dir, "node_modules")), dir).toBe(false);
    }
    const run = runNode(join(bare, "usage.js"), bare);
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual({
      v2: "v2 o-1 EUR",
      v1: "v1 o-1 CHF",
      shipment: "DHL",
      header: [0, 0, 0, 0, 7],
      guard: 7,
      badEvent: 'invalid-event order-placed v2 /placedAt: must match format "date-time"',
      badId: expect.stringMatching(/^unknown-schema-id order-placed vundefined : schema id 42 is none of/),
    });
  });

  it("is idempotent: a second run changes nothing and --check passes", async () => {
    const before = snapshot(join(app, "src/events"));
    const again = await generate([]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("nothing changed");
    expect(snapshot(join(app, "src/events"))).toEqual(before);
    const check = await generate(["--check"]);
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/^Up to date: src\/events and accord\.lock match catalog \.\.\/catalog\./);
  });

  it("--check exits 1 and lists every file that drifted, including the lock, and writes nothing", async () => {
    const codec = join(app, "src/events/order-placed/index.ts");
    const original = readFileSync(codec, "utf8");
    writeFileSync(codec, `${original}// hand edit\n`);
    writeFileSync(
      join(app, "src/events/order-placed/stale.ts"),
      "// Generated by accord (`accord generate`). Do not edit: changes are overwritten.\n",
    );
    const lock = readFileSync(join(app, "accord.lock"), "utf8");
    writeFileSync(join(app, "accord.lock"), `${lock}\n`);
    try {
      const before = snapshot(app);
      const check = await generate(["--check", "--json"]);
      expect(check.code).toBe(1);
      expect(json(check).changed).toEqual([
        { path: "accord.lock", status: "updated" },
        { path: "src/events/order-placed/index.ts", status: "updated" },
        { path: "src/events/order-placed/stale.ts", status: "deleted" },
      ]);
      expect(snapshot(app)).toEqual(before);
      const text = await generate(["--check"]);
      expect(text.code).toBe(1);
      expect(text.stdout).toContain("  updated  src/events/order-placed/index.ts");
    } finally {
      writeFileSync(join(app, "accord.lock"), lock);
      await generate([]);
    }
    expect(readFileSync(codec, "utf8")).toBe(original);
    expect(existsSync(join(app, "src/events/order-placed/stale.ts"))).toBe(false);
  });
});

describe("accord generate: schema ids", () => {
  it("pins producers to the id in accord.lock: a new id there is a new frame, and a stale fingerprint is refused", async () => {
    const lock = readFileSync(join(app, "accord.lock"), "utf8");
    try {
      writeFileSync(join(app, "accord.lock"), lock.replace('"schemaId": 7', '"schemaId": 8'));
      expect((await generate([])).code).toBe(0);
      expect(readFileSync(join(app, "src/events/order-placed/index.ts"), "utf8")).toContain(
        "return frame(8, event);",
      );

      const stale = lock.replace(
        /("version": 2, "schemaId": 7, "fingerprint": "sha256:)[0-9a-f]{4}/,
        "$1ffff",
      );
      writeFileSync(join(app, "accord.lock"), stale);
      const line = inputError(await generate([]));
      expect(line).toMatch(
        /^accord: no schema id for subject "order-placed" version 2: accord\.lock pins schema id 7 to fingerprint sha256:ffff.*, but the schema's fingerprint is now sha256:.*, and no registry is named/,
      );
    } finally {
      writeFileSync(join(app, "accord.lock"), lock);
      await generate([]);
    }
    expect(readFileSync(join(app, "src/events/order-placed/index.ts"), "utf8")).toContain(
      "return frame(7, event);",
    );
  });
});

describe("accord generate: bad input stops everything before a byte is written", () => {
  let before: Record<string, string>;
  beforeAll(() => {
    before = snapshot(app);
  });

  async function refused(
    args: readonly string[],
    files: Record<string, string> = {},
    cwd = app,
  ): Promise<string> {
    const line = inputError(await generate(args, cwd));
    expect(snapshot(app)).toEqual({ ...before, ...files });
    return line;
  }

  it("a name collision between subjects", async () => {
    const config =
      "generate:\n  catalog: ../catalog\n  out: src/events\n  names: { shipment: OrderPlaced }\n";
    writeFileSync(join(app, "accord.yaml"), config);
    try {
      expect(await refused([], { "accord.yaml": config })).toBe(
        'accord: subjects "order-placed" and "shipment" would both generate the name OrderPlaced',
      );
    } finally {
      writeFileSync(join(app, "accord.yaml"), before["accord.yaml"] as string);
    }
  });

  it("a remote $ref, named by subject and version file", async () => {
    const other = join(root, "remote-catalog");
    writeCatalog(other, {
      remote: { versions: [{ type: "object", properties: { a: { $ref: "https://example.com/a.json" } } }] },
    });
    expect(await refused(["--catalog", other, "--wire", "json"])).toMatch(
      /^accord: schemas\/remote\/v1\.json:\d+:\d+: \$ref "https:\/\/example\.com\/a\.json" at #\/properties\/a\/\$ref points outside this schema/,
    );
  });

  it("a schema the generated code cannot serve", async () => {
    const other = join(root, "odd-catalog");
    writeCatalog(other, { odd: { versions: [{ type: "object" }, { $async: true, type: "object" }] } });
    expect(await refused(["--catalog", other, "--wire", "json"])).toMatch(
      /^accord: subject "odd" version 2: \$async schemas validate with promises/,
    );
  });

  it("a file in the output folder that accord did not write", async () => {
    writeFileSync(join(app, "src/events/notes.md"), "mine\n");
    try {
      expect(await refused([], { "src/events/notes.md": "mine\n" })).toBe(
        "accord: output folder src/events holds notes.md, which accord did not generate; refusing to replace it",
      );
    } finally {
      rmSync(join(app, "src/events/notes.md"));
    }
  });

  it("a subject pattern that matches nothing, and a misspelt setting", async () => {
    expect(await refused(["--subject", "ordr-*"])).toBe(
      'accord: subject pattern "ordr-*" matches no subject in catalog ../catalog',
    );
    const config = "generate:\n  catalog: ../catalog\n  wire: protobuf\n";
    writeFileSync(join(app, "accord.yaml"), config);
    try {
      expect(await refused([], { "accord.yaml": config })).toBe(
        "accord: accord.yaml:3:9: generate.wire: must be one of confluent, json",
      );
    } finally {
      writeFileSync(join(app, "accord.yaml"), before["accord.yaml"] as string);
    }
  });

  it("a lock file that is not Accord's", async () => {
    writeFileSync(join(app, "accord.lock"), "{}");
    try {
      expect(await refused([], { "accord.lock": "{}" })).toBe(
        "accord: accord.lock: #/lockfileVersion: must be 1 (this Accord writes lock files of version 1)",
      );
    } finally {
      writeFileSync(join(app, "accord.lock"), before["accord.lock"] as string);
    }
  });
});

describe("accord generate: other sources and module styles", () => {
  it("reads the catalog from a git URL at a ref, with the same result as the folder", async () => {
    const repo = join(root, "repo");
    cpSync(catalog, join(repo, "contracts"), { recursive: true });
    const git = (...args: string[]) => {
      const run = spawnSync("git", args, { cwd: repo, encoding: "utf8" });
      expect(run.status, run.stderr).toBe(0);
    };
    git("init", "--quiet", "--initial-branch", "main");
    git("-c", "user.email=t@example.com", "-c", "user.name=t", "add", ".");
    git("-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "--quiet", "-m", "contracts");
    git("tag", "v1");
    const result = await generate([
      "--git",
      `file://${repo}`,
      "--ref",
      "v1",
      "--git-path",
      "contracts",
      "--out",
      "src/from-git",
      "--json",
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(json(result).source).toBe(`git file://${repo}@v1 (contracts)`);
    expect(snapshot(join(app, "src/from-git"))).toEqual(snapshot(join(app, "src/events")));
    rmSync(join(app, "src/from-git"), { recursive: true });
  });

  it("renders on worker threads with exactly the bytes of a single thread", async () => {
    const many: Record<string, CatalogSubjectSpec> = {};
    for (let i = 0; i < 12; i++) many[`event-${i}`] = { versions: [ORDER_V1, ORDER_V2, SHIPMENT_V1] };
    const big = join(root, "many-catalog");
    writeCatalog(big, many);
    const args = ["--catalog", big, "--wire", "json"];
    const single = await runCli(["generate", ...args, "--out", "single"], {
      cwd: root,
      env: { ACCORD_WORKERS: "0" },
    });
    const threaded = await runCli(["generate", ...args, "--out", "threaded"], {
      cwd: root,
      env: { ACCORD_WORKERS: "2" },
    });
    expect(single.code, single.stderr).toBe(0);
    expect(threaded.code, threaded.stderr).toBe(0);
    const files = snapshot(join(root, "single"));
    expect(Object.keys(files)).toHaveLength(3 + 12 * 7);
    expect(snapshot(join(root, "threaded"))).toEqual(files);

    // A subject a worker cannot render stops the run with its error, and nothing is written.
    writeCatalog(big, { "zz-odd": { versions: [{ $async: true, type: "object" }] } });
    const failed = await runCli(["generate", ...args, "--out", "failed"], {
      cwd: root,
      env: { ACCORD_WORKERS: "2" },
    });
    expect(inputError(failed)).toMatch(
      /^accord: subject "zz-odd" version 1: \$async schemas validate with promises/,
    );
    expect(existsSync(join(root, "failed"))).toBe(false);
  });

  it("writes CommonJS modules that compile and run in a project without type: module", async () => {
    const cjs = join(root, "cjs-app");
    writeConsumer(cjs, { type: "commonjs" });
    writeTree(cjs, {
      "accord.lock": lockText(SUBJECTS),
      "src/main.ts": [
        'import { decodeOrderPlaced, encodeOrderPlaced } from "./events/index.cjs";',
        "declare const console: { log(message: string): void };",
        `const message = decodeOrderPlaced(encodeOrderPlaced(${JSON.stringify(ORDER)}));`,
        'console.log(String(message.version) + " " + message.value.orderId);',
        "",
      ].join("\n"),
    });
    const result = await generate(
      ["--catalog", "../catalog", "--subject", "order-*", "--module", "cjs", "--out", "src/events"],
      cjs,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(join(cjs, "src/events/order-placed/index.cts"))).toBe(true);
    const build = tsc(cjs);
    expect(build.output).toBe("");
    const run = runNode(join(cjs, "dist/main.js"), cjs);
    expect(run.stderr).toBe("");
    expect(run.stdout.trim()).toBe("2 o-1");
  });
});
