import { beforeAll, describe, expect, it } from "vitest";
import { bundleWithEsbuild } from "../../../cli/generate/output.js";
import { fingerprint } from "../../../contracts/schema/canonical.js";
import { loadSchemaValue } from "../../../contracts/schema/load.js";
import type { Json } from "../../../contracts/schema/types.js";
import { BANNER_FIRST_LINE, type RenderedFile } from "../../../templates/typescript/code.js";
import { renderTypeScript } from "../../../templates/typescript/render.js";
import { planOf, subjectOf } from "../../contracts/codegen/support.js";
import { THEN } from "../../support/differential/schemas.js";
import { webhookEvents } from "../../support/realworld.js";
import { ORDER_V1, ORDER_V2, SHIPMENT_V1, SHIPMENT_V2 } from "./fixtures.js";
import { render } from "./support.js";

const content = (files: readonly RenderedFile[], path: string): string => {
  const file = files.find((candidate) => candidate.path === path);
  if (!file) throw new Error(`no ${path} among ${files.map((candidate) => candidate.path).join(", ")}`);
  return file.content;
};

describe("renderTypeScript", () => {
  let files: RenderedFile[];
  const plan = planOf([
    subjectOf("order-placed", [ORDER_V1, ORDER_V2], [3, 7]),
    subjectOf("shipment", [SHIPMENT_V1, SHIPMENT_V2], [11, 12]),
  ]);

  beforeAll(async () => {
    files = await render(plan);
  });

  it("lays out one types module and one validator per version, a codec per subject, and the runtime", () => {
    expect(files.map((file) => file.path)).toEqual([
      "_runtime/ajv.ts",
      "_runtime/wire.ts",
      "index.ts",
      "order-placed/index.ts",
      "order-placed/v1.ts",
      "order-placed/v1.validate.ts",
      "order-placed/v2.ts",
      "order-placed/v2.validate.ts",
      "shipment/index.ts",
      "shipment/v1.ts",
      "shipment/v1.validate.ts",
      "shipment/v2.ts",
      "shipment/v2.validate.ts",
    ]);
  });

  it("is byte-for-byte the same on every run", async () => {
    expect(await render(plan)).toEqual(files);
  });

  it("marks every file as generated and leaves nothing that needs a package at run time", () => {
    for (const file of files) {
      expect(file.content.startsWith(`${BANNER_FIRST_LINE}\n`), file.path).toBe(true);
      // ajv tags its helpers with their own require text in a string literal; that is data, not an import.
      const code = file.content.replace(/'[^'\n]*'/g, "''");
      expect(code, file.path).not.toMatch(/\brequire\(|from "ajv|from "ajv-formats|import\("/);
      expect(file.content, file.path).not.toContain(process.cwd());
    }
  });

  it("declares a $ref'd type once and imports it into later versions", () => {
    const v1 = content(files, "shipment/v1.ts");
    const v2 = content(files, "shipment/v2.ts");
    expect(v1).toMatch(/^export interface Weight \{/m);
    expect(v1).toMatch(/^export interface Category \{/m);
    expect(v1).toMatch(/children\?: Category\[\]/);
    expect(v2).not.toMatch(/^export interface (Weight|Category)\b/m);
    expect(v2).toContain('import type { Category, Weight } from "./v1.js";');
    expect(v2).toMatch(/^export interface ShipmentV2 \{/m);
    expect(v2).toMatch(/kind: "shipment"/);
  });

  it("bundles only the ajv helpers and function formats the validators use", () => {
    const helpers = content(files, "_runtime/ajv.ts");
    expect(helpers).toMatch(/var accordFormats = \{\s*"date": [^,]+,\s*"date-time": [^,]+,\s*"uri": [^}]+\}/);
    expect(helpers).toMatch(/export \{[^}]*\bequal\b[^}]*\}/);
    expect(helpers).toMatch(/export \{[^}]*\bucs2length\b[^}]*\}/);
    expect(helpers).not.toMatch(/export \{[^}]*\buri\b/);
    // uuid is a regular expression, which ajv writes into the validator itself.
    expect(content(files, "shipment/v1.validate.ts")).toContain(
      'import { accordFormats, equal, ucs2length } from "../_runtime/ajv.js";',
    );
  });

  it("leaves the helpers module out when no validator needs one", async () => {
    const plain = await render(
      planOf([subjectOf("ping", [{ type: "object", properties: { n: { type: "integer" } } }])]),
    );
    expect(plain.map((file) => file.path)).not.toContain("_runtime/ajv.ts");
    expect(content(plain, "ping/v1.validate.ts")).not.toContain("import");
  });

  it("compiles versions that share an $id side by side (one ajv instance per subject)", async () => {
    const v1 = {
      $id: "https://acme.example/order.json",
      type: "object",
      $defs: { sku: { $id: "sku.json", type: "string" } },
      properties: { sku: { $ref: "sku.json" } },
    };
    const shared = await render(planOf([subjectOf("order", [v1, { ...v1, required: ["sku"] }])]));
    expect(content(shared, "order/v2.validate.ts")).toContain("required");
    // Each version's validator is the same whether or not later versions exist.
    const alone = await render(planOf([subjectOf("order", [v1])]));
    expect(content(alone, "order/v1.validate.ts")).toBe(content(shared, "order/v1.validate.ts"));
  });

  it("writes .cts files importing .cjs for the cjs module style", async () => {
    const cjs = await render(planOf([subjectOf("order-placed", [ORDER_V1], [3])], "confluent", "cjs"));
    expect(cjs.map((file) => file.path)).toContain("order-placed/index.cts");
    expect(content(cjs, "order-placed/index.cts")).toContain('from "./v1.validate.cjs"');
    expect(content(cjs, "index.cts")).toContain('from "./order-placed/index.cjs"');
  });

  it("frames with the pinned id only in the confluent wire format", async () => {
    expect(content(files, "order-placed/index.ts")).toContain("return frame(7, event);");
    const json = await render(planOf([subjectOf("order-placed", [ORDER_V1, ORDER_V2])], "json"));
    const codec = content(json, "order-placed/index.ts");
    expect(codec).not.toMatch(/frame\(|schemaIdOf/);
    expect(codec).toContain("if (isOrderPlacedV2(value)) return { version: 2, value };");
  });
});

/** A plan of one subject with one version, the schema loaded as the catalog would load it. */
function oneVersionPlan(subject: string, schema: Json): ReturnType<typeof planOf> {
  const loaded = loadSchemaValue(schema, subject);
  if (!loaded.ok) throw new Error(loaded.error.message);
  return planOf([
    {
      subject,
      registrySubject: subject,
      versions: [
        { version: 1, document: loaded.value, fingerprint: fingerprint(loaded.value.root), schemaId: 1 },
      ],
    },
  ]);
}

describe("renderTypeScript on published schemas", () => {
  it("writes each referenced definition's check once: GitHub's pull_request payload in under 400 KB", async () => {
    const event = webhookEvents("webhooks-schemas-4").find((candidate) => candidate.event === "pull_request");
    if (!event) throw new Error("no pull_request event in the webhook schemas");
    const files = await render(oneVersionPlan("pull-request", event.schema));
    const validator = files.find((file) => file.path === "pull-request/v1.validate.ts")?.content ?? "";
    // Inlined at every use, the shared definitions (`user`, `repository`...) made it 1.1 MB.
    expect(validator.length).toBeGreaterThan(100_000);
    expect(validator.length).toBeLessThan(400_000);
  });

  it("types alternatives that say nothing of the type (json-schema-to-typescript would print nothing)", async () => {
    // CycloneDX's public key: allOf members that are only if/then, dropped for types, and a union
    // member that accepts anything.
    const publicKey = {
      type: "object",
      required: ["kty"],
      properties: { kty: { enum: ["EC", "RSA"] } },
      allOf: [
        { if: { properties: { kty: { const: "EC" } } }, [THEN]: { required: ["crv"] } },
        { if: { properties: { kty: { const: "RSA" } } }, [THEN]: { required: ["n"] } },
      ],
    };
    for (const [schema, declaration] of [
      [publicKey, /^export interface OddV1 \{\n {2}kty: \("EC" \| "RSA"\)/m],
      [{ anyOf: [true, false] }, /^export type OddV1 = \(unknown \| never\)/m],
      [{ oneOf: [{ minLength: 1 }, { type: "number" }] }, /^export type OddV1 = \(unknown \| number\)/m],
    ] as const) {
      const files = await render(oneVersionPlan("odd", schema as Json));
      expect(files.find((file) => file.path === "odd/v1.ts")?.content).toMatch(declaration);
    }
  });
});

describe("renderTypeScript: schemas it cannot turn into code", () => {
  async function failure(schema: Json): Promise<string> {
    const result = await renderTypeScript(oneVersionPlan("odd", schema), { bundle: bundleWithEsbuild });
    if (result.ok) throw new Error("expected a failure");
    expect(result.error.code).toBe("ACCORD_ERR_GENERATE_SCHEMA_UNSUPPORTED");
    return result.error.message;
  }

  it("refuses $async schemas, whose validators return promises", async () => {
    expect(await failure({ $async: true, type: "object" })).toMatch(
      /subject "odd" version 1: \$async schemas/,
    );
  });
});
