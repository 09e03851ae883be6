import { afterAll, describe, expect, it } from "vitest";
import { runNode, tsc, writeCatalog, writeConsumer, writeTree } from "./generate-support.js";
import { runCli } from "./helpers.js";
import { removeDir, tempDir } from "./support/git-catalog.js";

/**
 * Projection types: a consuming repository lists what it reads in `generate.reads`, and the
 * generated decoder's types show only that, so code touching an undeclared field does not compile
 * under `tsc --strict` (proved by `@ts-expect-error`, which itself fails when nothing is an error).
 */

const line = {
  type: "object",
  properties: { sku: { type: "string" }, quantity: { type: "integer" } },
  required: ["sku", "quantity"],
};
const v1 = {
  $schema: "http://json-schema.org/draft-07/schema#",
  type: "object",
  properties: {
    orderId: { type: "string" },
    total: { type: "number" },
    note: { type: "string" },
    lines: { type: "array", items: line },
  },
  required: ["orderId", "total", "lines"],
};
const v2 = {
  ...v1,
  properties: {
    ...v1.properties,
    coupon: { type: "string" },
    payment: {
      oneOf: [
        {
          type: "object",
          properties: { kind: { const: "card" }, last4: { type: "string" } },
          required: ["kind", "last4"],
        },
        {
          type: "object",
          properties: { kind: { const: "bank" }, iban: { type: "string" } },
          required: ["kind", "iban"],
        },
      ],
    },
  },
};

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) removeDir(dir);
});

function workspace(reads: string): string {
  const root = tempDir("generate-reads");
  dirs.push(root);
  writeCatalog(`${root}/contracts`, { "order-placed": { versions: [v1, v2] } });
  writeConsumer(`${root}/billing`, { type: "module" });
  writeTree(`${root}/billing`, {
    "accord.yaml": [
      "generate:",
      "  catalog: ../contracts",
      "  wire: json",
      "  out: src/generated",
      "  consumer: billing-service",
      "  reads:",
      `    order-placed: ${reads}`,
      "",
    ].join("\n"),
  });
  return root;
}

describe("accord generate with generate.reads", () => {
  it("emits projection types and a decoder that returns them; undeclared fields do not compile under tsc --strict", async () => {
    const root = workspace("[/orderId, /total, /lines/*/sku, /payment/kind]");
    const generated = await runCli(["generate"], { cwd: `${root}/billing` });
    expect(generated.code, generated.stderr).toBe(0);

    writeTree(`${root}/billing`, {
      "src/main.ts": [
        'import { decodeOrderPlacedReads, type OrderPlacedReads } from "./generated/index.js";',
        "",
        "declare const console: { log(message: string): void };",
        "declare const TextEncoder: { new (): { encode(text: string): Uint8Array } };",
        "",
        "export function bill(bytes: Uint8Array): string {",
        "  const message = decodeOrderPlacedReads(bytes);",
        "  const order: OrderPlacedReads | undefined = message.version === 2 ? message.value : undefined;",
        "  const skus = message.value.lines.map((line) => line.sku.toUpperCase());",
        "  // @ts-expect-error quantity is not a declared read",
        "  const quantities = message.value.lines.map((line) => line.quantity);",
        "  // @ts-expect-error note is not a declared read",
        "  const note: unknown = message.value.note;",
        "  // @ts-expect-error coupon is not a declared read",
        "  const coupon: unknown = order?.coupon;",
        "  const kind: 'card' | 'bank' | undefined = order?.payment?.kind;",
        "  // @ts-expect-error last4 is not a declared read",
        "  const last4: unknown = order?.payment?.last4;",
        "  const total: number = message.value.total;",
        "  return [message.value.orderId, total, skus.join(','), kind, quantities, note, coupon, last4].map(String).join(' ');",
        "}",
        "",
        'const event = { orderId: "o-1", total: 12.5, note: "n", lines: [{ sku: "s-1", quantity: 2 }] };',
        "console.log(bill(new TextEncoder().encode(JSON.stringify(event))));",
        "",
      ].join("\n"),
    });
    const compiled = tsc(`${root}/billing`);
    expect(compiled.output).toBe("");
    expect(compiled.code).toBe(0);
    const ran = runNode("dist/main.js", `${root}/billing`);
    expect(ran.stderr).toBe("");
    expect(ran.stdout.trim()).toBe("o-1 12.5 S-1 undefined 2 n undefined undefined");
  });

  it("the same access compiles once the path is declared (the failure above is the declaration's doing)", async () => {
    const root = workspace("[/orderId, /total, /lines/*/sku, /lines/*/quantity, /note]");
    expect((await runCli(["generate"], { cwd: `${root}/billing` })).code).toBe(0);
    writeTree(`${root}/billing`, {
      "src/main.ts": [
        'import { decodeOrderPlacedReads } from "./generated/index.js";',
        "export function read(bytes: Uint8Array): string {",
        "  const { value } = decodeOrderPlacedReads(bytes);",
        "  const quantities: number[] = value.lines.map((line) => line.quantity);",
        "  const note: string | undefined = value.note;",
        "  return [quantities.join(), note].join(' ');",
        "}",
        "",
      ].join("\n"),
    });
    const compiled = tsc(`${root}/billing`);
    expect(compiled.output).toBe("");
    expect(compiled.code).toBe(0);
  });

  it("refuses an undeclared path or an unknown subject with accord.yaml:line (exit 2)", async () => {
    const root = workspace("[/orderId, /discount]");
    const undeclared = await runCli(["generate"], { cwd: `${root}/billing` });
    expect(undeclared.code).toBe(2);
    expect(undeclared.stderr.trim()).toBe(
      "accord: accord.yaml:7:30: generate.reads.order-placed reads /discount, which order-placed v2 does not declare",
    );
    writeTree(`${root}/billing`, {
      "accord.yaml":
        "generate:\n  catalog: ../contracts\n  wire: json\n  reads:\n    order-shipped: [/orderId]\n",
    });
    const unknown = await runCli(["generate"], { cwd: `${root}/billing` });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      'accord.yaml:5:20: generate.reads names subject "order-shipped", which is not generated (subjects: order-placed)',
    );
  });
});
