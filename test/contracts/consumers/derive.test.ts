import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { CatalogVersion } from "../../../contracts/catalog/types.js";
import { checkCompatibility } from "../../../contracts/compat/index.js";
import { consumerReader } from "../../../contracts/consumers/reader.js";
import { validatorFor } from "../../../contracts/schema/ajv.js";
import { loadSchema } from "../../../contracts/schema/load.js";
import type { Json, SchemaDocument } from "../../../contracts/schema/types.js";

/**
 * The derivation of a consumer's reader from the paths it reads, judged by what ajv accepts: each
 * case lists events the reader must accept (the consumer can read them) and must reject (a value it
 * reads breaks the pinned version's promise). Every reader must also accept every event of the
 * version it was derived from, which the engine checks as an inclusion.
 */

function version(schema: Json, draft = "https://json-schema.org/draft/2020-12/schema"): CatalogVersion {
  const text = JSON.stringify({ $schema: draft, ...(schema as object) }, null, 2);
  const loaded = loadSchema(text, "v1.json");
  if (!loaded.ok) throw new Error(loaded.error.message);
  return { version: 1, file: "v1.json", text, document: loaded.value };
}

function reader(pinned: CatalogVersion, reads: string[]): SchemaDocument {
  const result = consumerReader({
    subject: "order-placed",
    entry: { name: "billing-service", reads, index: 0 },
    pinned,
    site: { file: "subject.yaml", pointer: "#/consumers/0" },
  });
  if (!result.ok) throw new Error(result.error.message);
  return result.value.document;
}

interface Case {
  readonly name: string;
  readonly schema: Json;
  readonly draft?: string;
  readonly reads: string[];
  readonly accepts: Json[];
  readonly rejects: Json[];
}

const MONEY = {
  type: "object",
  properties: { amount: { type: "number", minimum: 0 }, currency: { enum: ["EUR", "USD"] } },
  required: ["amount", "currency"],
  additionalProperties: false,
};

const ORDER = {
  type: "object",
  properties: {
    orderId: { type: "string", minLength: 1 },
    note: { type: "string" },
    total: { $ref: "#/$defs/Money" },
    lines: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        properties: { sku: { type: "string", pattern: "^S-" }, quantity: { type: "integer", minimum: 1 } },
        required: ["sku", "quantity"],
      },
    },
  },
  required: ["orderId", "note", "total", "lines"],
  additionalProperties: false,
  $defs: { Money: MONEY },
};

const CASES: Case[] = [
  {
    name: "a top-level field: its constraints and whether it is required; everything else accepted",
    schema: ORDER,
    reads: ["/orderId"],
    accepts: [{ orderId: "o-1" }, { orderId: "o-1", note: 5, total: "x", lines: [], extra: true }],
    rejects: [{}, { orderId: "" }, { orderId: 7 }, []],
  },
  {
    name: "a field behind $ref: the referenced constraints on the way and at the path",
    schema: ORDER,
    reads: ["/total/amount"],
    accepts: [{ total: { amount: 0 } }, { total: { amount: 3, currency: "XXX", more: 1 } }],
    rejects: [{ total: { amount: -1 } }, { total: {} }, { total: "12" }, {}],
  },
  {
    name: "a whole $ref'd value read: kept whole, its $ref copied into the reader's $defs",
    schema: ORDER,
    reads: ["/total"],
    accepts: [{ total: { amount: 1, currency: "EUR" } }],
    rejects: [{ total: { amount: 1, currency: "XXX" } }, { total: { amount: 1, currency: "EUR", x: 1 } }],
  },
  {
    name: "* over array items: the array's own constraints and each item's, narrowed",
    schema: ORDER,
    reads: ["/lines/*/sku"],
    accepts: [{ lines: [{ sku: "S-1" }] }, { lines: [{ sku: "S-1", quantity: "many" }] }],
    rejects: [{ lines: [] }, { lines: [{ quantity: 1 }] }, { lines: [{ sku: "X" }] }, { lines: {} }],
  },
  {
    name: "* over map values: additionalProperties and patternProperties, narrowed",
    schema: {
      type: "object",
      properties: {
        attributes: {
          type: "object",
          patternProperties: {
            "^n-": { type: "object", properties: { v: { type: "number" } }, required: ["v"] },
          },
          additionalProperties: { type: "object", properties: { v: { type: "string" } }, required: ["v"] },
        },
      },
    },
    reads: ["/attributes/*/v"],
    accepts: [{}, { attributes: { "n-a": { v: 1 }, b: { v: "x", other: 1 } } }],
    rejects: [
      { attributes: { "n-a": { v: "x" } } },
      { attributes: { b: { v: 1 } } },
      { attributes: { b: {} } },
    ],
  },
  {
    name: "a name only additionalProperties covers: its schema, and absence when it is false",
    schema: {
      type: "object",
      properties: { tags: { type: "object", additionalProperties: { type: "string" } } },
    },
    reads: ["/tags/colour"],
    accepts: [{ tags: { colour: "red", size: 3 } }, { tags: {} }],
    rejects: [{ tags: { colour: 3 } }],
  },
  {
    name: "anyOf on the way: each branch narrowed, a closed branch keeps the read name absent",
    schema: {
      type: "object",
      properties: {
        payment: {
          anyOf: [
            {
              type: "object",
              properties: { card: { type: "string", pattern: "^[0-9]{4}$" } },
              required: ["card"],
            },
            {
              type: "object",
              properties: { iban: { type: "string" } },
              required: ["iban"],
              additionalProperties: false,
            },
          ],
        },
      },
      required: ["payment"],
    },
    reads: ["/payment/card"],
    accepts: [{ payment: { card: "1234", iban: 5 } }, { payment: { other: true } }],
    rejects: [{ payment: { card: "12" } }, { payment: 5 }, {}],
  },
  {
    name: "oneOf with a discriminator: narrowed per branch, the discriminator kept when read",
    schema: {
      type: "object",
      properties: {
        payment: {
          oneOf: [
            {
              type: "object",
              properties: { kind: { const: "card" }, last4: { type: "string" }, holder: { type: "string" } },
              required: ["kind", "last4", "holder"],
            },
            {
              type: "object",
              properties: { kind: { const: "bank" }, iban: { type: "string" } },
              required: ["kind", "iban"],
              additionalProperties: false,
            },
          ],
        },
      },
      required: ["payment"],
    },
    reads: ["/payment/kind", "/payment/last4"],
    accepts: [{ payment: { kind: "card", last4: "1234" } }, { payment: { kind: "bank" } }],
    rejects: [
      { payment: { kind: "card" } },
      { payment: { kind: "bank", last4: "1234" } },
      { payment: { kind: "cash" } },
    ],
  },
  {
    name: "oneOf whose branches overlap: kept whole, so an event matching both is still rejected",
    schema: {
      type: "object",
      properties: {
        contact: {
          oneOf: [
            { type: "object", properties: { email: { type: "string" } }, required: ["email"] },
            { type: "object", properties: { phone: { type: "string" } }, required: ["phone"] },
          ],
        },
      },
    },
    reads: ["/contact/email"],
    accepts: [{ contact: { email: "a@b" } }, { contact: { phone: "1" } }],
    rejects: [{ contact: { email: "a@b", phone: "1" } }, { contact: {} }],
  },
  {
    name: "allOf on the way: every conjunct's constraints at the path",
    schema: {
      type: "object",
      allOf: [
        { properties: { total: { type: "number" } }, required: ["total"] },
        { properties: { total: { maximum: 100 }, note: { type: "string" } }, required: ["note"] },
      ],
    },
    reads: ["/total"],
    accepts: [{ total: 100 }, { total: 1, note: 3 }],
    rejects: [{ total: 101 }, { total: "1" }, {}],
  },
  {
    name: "if/then/else on the way is kept whole (it may tie the read value to others)",
    schema: {
      type: "object",
      properties: { kind: { type: "string" }, amount: { type: "number" } },
      if: { properties: { kind: { const: "refund" } }, required: ["kind"] },
      // biome-ignore lint/suspicious/noThenProperty: a JSON Schema keyword, never awaited
      then: { properties: { amount: { maximum: 0 } } },
    },
    reads: ["/amount"],
    accepts: [{ amount: 5 }, { kind: "refund", amount: -5 }],
    rejects: [{ kind: "refund", amount: 5 }, { amount: "5" }],
  },
  {
    name: "a recursive $ref followed along the read path",
    schema: {
      $ref: "#/$defs/Node",
      $defs: {
        Node: {
          type: "object",
          properties: {
            name: { type: "string" },
            children: { type: "array", items: { $ref: "#/$defs/Node" } },
          },
          required: ["name"],
        },
      },
    },
    reads: ["/children/*/name"],
    accepts: [{ name: 1, children: [{ name: "a", children: 3 }] }],
    rejects: [{ children: [{ name: 1 }] }, { children: [{}] }],
  },
  {
    name: "draft-07 tuples: items arrays and additionalItems narrowed under *",
    draft: "http://json-schema.org/draft-07/schema#",
    schema: {
      type: "object",
      properties: {
        pair: {
          type: "array",
          items: [
            { type: "object", properties: { id: { type: "string" } }, required: ["id"] },
            { type: "object", properties: { id: { type: "integer" } } },
          ],
          additionalItems: false,
        },
      },
    },
    reads: ["/pair/*/id"],
    accepts: [{ pair: [{ id: "a", x: 1 }, { id: 2 }] }],
    rejects: [{ pair: [{ id: 1 }] }, { pair: [{ id: "a" }, { id: "b" }] }, { pair: [{ id: "a" }, {}, {}] }],
  },
];

describe("deriving a consumer's reader schema from its read paths", () => {
  it.each(CASES)("$name", ({ schema, draft, reads, accepts, rejects }) => {
    const pinned = version(schema, draft);
    const derived = reader(pinned, reads);
    const valid = validatorFor(derived.root, derived.draft);
    for (const event of accepts) expect(valid(event), JSON.stringify(event)).toBe(true);
    for (const event of rejects) expect(valid(event), JSON.stringify(event)).toBe(false);
  });

  it.each(CASES)("the reader accepts every event of its own version: $name", ({ schema, draft, reads }) => {
    const pinned = version(schema, draft);
    const report = checkCompatibility([reader(pinned, reads)], pinned.document, "FORWARD");
    expect(report.findings).toEqual([]);
  });

  it("keeps only the constraints on the read values, not on unread ones", () => {
    const derived = reader(version(ORDER), ["/orderId", "/total/amount"]);
    expect(derived.root).toEqual({
      $schema: "https://json-schema.org/draft/2020-12/schema",
      type: "object",
      required: ["orderId", "total"],
      properties: {
        orderId: { type: "string", minLength: 1 },
        total: {
          type: "object",
          required: ["amount"],
          properties: { amount: { type: "number", minimum: 0 } },
        },
      },
    });
  });
});

describe("the README's example of the derivation", () => {
  it("is what the derivation gives for billing-service's reads", () => {
    const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
    const from = readme.indexOf("pinned to this v2:");
    expect(from).toBeGreaterThan(0);
    const blocks = [...readme.slice(from).matchAll(/```json\n([\s\S]*?)\n```/g)].slice(0, 2);
    const [pinned, derived] = blocks.map((block) => JSON.parse(block[1] as string) as Json);
    const { $schema: _, ...root } = reader(
      version(pinned as Json, "http://json-schema.org/draft-07/schema#"),
      ["/orderId", "/total", "/lines/*/sku"],
    ).root as Record<string, Json>;
    expect(root).toEqual(derived);
  });
});

describe("validating a consumer's read paths", () => {
  const failure = (reads: string[]) => {
    const result = consumerReader({
      subject: "order-placed",
      entry: { name: "billing-service", reads, index: 2 },
      pinned: version(ORDER),
      site: { file: "schemas/order-placed/subject.yaml", pointer: "#/consumers/2" },
    });
    if (result.ok) throw new Error("expected the declaration to be refused");
    return result.error;
  };

  it("refuses a path the pinned version does not declare, naming the consumer and the version", () => {
    const error = failure(["/orderId", "/discount"]);
    expect(error.code).toBe("ACCORD_ERR_CATALOG_CONSUMER_INVALID");
    expect(error.message).toContain(
      "consumer billing-service reads /discount, which order-placed v1 does not declare",
    );
    expect(error.location).toMatchObject({
      file: "schemas/order-placed/subject.yaml",
      pointer: "#/consumers/2/reads/1",
    });
  });

  it("refuses a step into a value that has no such member (an item of a non-array, a name under *)", () => {
    expect(failure(["/orderId/*"]).message).toContain("does not declare");
    expect(failure(["/lines/0/sku"]).message).toContain("does not declare");
    expect(failure(["/total/amount/value"]).message).toContain("does not declare");
  });

  it("refuses malformed pointers", () => {
    expect(failure(["orderId"]).message).toContain('starts with "/"');
    expect(failure(["/total/~2"]).message).toContain('"~" must be followed by 0 or 1');
    expect(failure(["/total//amount"]).message).toContain("no empty steps");
  });
});
