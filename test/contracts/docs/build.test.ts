import { describe, expect, it } from "vitest";
import { buildDocsModel, docsModelFromCatalog } from "../../../contracts/docs/build.js";
import type { DocsModel, SubjectDoc } from "../../../contracts/docs/types.js";
import { validatorFor } from "../../../contracts/schema/ajv.js";
import { fixtureCatalog } from "./fixture.js";

const model = docsModelFromCatalog(fixtureCatalog());

function subject(m: DocsModel, name: string): SubjectDoc {
  const found = m.subjects.find((s) => s.name === name);
  if (!found) throw new Error(`no subject ${name}`);
  return found;
}

describe("docsModelFromCatalog", () => {
  it("takes the title from accord.yaml's docs section and carries each subject's metadata", () => {
    expect(model.title).toBe("Shop events");
    expect(model.source).toBe("catalog");
    const order = subject(model, "order-placed");
    expect(order).toMatchObject({
      slug: "order-placed",
      topic: "shop.orders",
      owners: ["team-checkout"],
      producers: ["checkout"],
      consumers: ["billing", "analytics"],
      compatibility: "BACKWARD",
      description: "Checkout accepted and paid an order.",
    });
    expect(order.versions.map((v) => v.version)).toEqual([1, 2, 3]);
    expect(subject(model, "payment-captured").compatibility).toBe("FULL");
  });

  it("falls back to the latest schema's description when the metadata has none", () => {
    expect(subject(model, "payment-captured").description).toBe(
      "The payment provider confirmed the money moved.",
    );
  });

  it("links a deprecation's replacement to its subject page", () => {
    expect(subject(model, "customer-registered").deprecated).toEqual({
      reason: "Replaced by the signup flow's event.",
      replacement: "customer-signed-up",
      replacementSlug: "customer-signed-up",
    });
  });

  it("compares each version with the previous one and leaves the first without a change", () => {
    const [v1, v2, v3] = subject(model, "order-placed").versions;
    expect(v1?.change).toBeUndefined();
    expect(v2?.change?.report.verdict).toBe("compatible");
    expect(v3?.change?.report.verdict).toBe("incompatible");
    expect(subject(model, "payment-captured").versions[1]?.change?.report.verdict).toBe("incompatible");
  });

  it("uses a schema's own valid example, else a generated one, and both validate", () => {
    const payment = subject(model, "payment-captured").versions[0];
    expect(payment?.example?.origin).toBe("schema");
    const order = subject(model, "order-placed").versions[0];
    expect(order?.example?.origin).toBe("generated");
    for (const s of model.subjects) {
      for (const v of s.versions) {
        expect(v.example, `${s.name} v${v.version}`).toBeDefined();
        expect(validatorFor(v.schema, v.draft)(v.example?.event), `${s.name} v${v.version}`).toBe(true);
      }
    }
  });

  it("groups subjects by each of their tags, untagged last, and lists services", () => {
    expect(model.groups.map((g) => [g.name, g.subjects.map((i) => model.subjects[i]?.name)])).toEqual([
      ["customers", ["customer-registered", "customer-signed-up"]],
      ["orders", ["order-placed", "payment-captured"]],
      ["payments", ["payment-captured"]],
      ["Untagged", ["audit-entry"]],
    ]);
    const billing = model.services.find((s) => s.name === "billing");
    expect(billing?.consumes.map((i) => model.subjects[i]?.name)).toEqual([
      "order-placed",
      "payment-captured",
    ]);
    expect(billing?.produces).toEqual([]);
  });

  it("is deterministic", () => {
    expect(JSON.stringify(docsModelFromCatalog(fixtureCatalog()))).toBe(JSON.stringify(model));
  });

  it("skips the compatibility reports when asked to", () => {
    const lean = docsModelFromCatalog(fixtureCatalog(), { changes: false });
    expect(lean.subjects.flatMap((s) => s.versions).every((v) => v.change === undefined)).toBe(true);
  });
});

describe("buildDocsModel", () => {
  it("gives distinct slugs to names that differ only in case or punctuation", () => {
    const base = fixtureCatalog().subjects[0];
    if (!base) throw new Error("fixture is empty");
    const built = buildDocsModel([
      { ...base, name: "Order Placed" },
      { ...base, name: "order-placed" },
      { ...base, name: "../etc" },
    ]);
    const slugs = built.subjects.map((s) => s.slug);
    expect(new Set(slugs).size).toBe(3);
    for (const slug of slugs) expect(slug).toMatch(/^[a-z0-9._-]+$/);
    expect(slugs).not.toContain("..");
  });

  it("counts own examples that the schema rejects and does not show them", () => {
    const base = fixtureCatalog().subjects.find((s) => s.name === "payment-captured");
    const version = base?.versions[0];
    if (!base || !version) throw new Error("fixture is missing payment-captured");
    const root = { ...(version.document.root as object), examples: [{ paymentId: 42 }] };
    const built = buildDocsModel([
      { ...base, versions: [{ ...version, document: { ...version.document, root } }] },
    ]);
    const doc = built.subjects[0]?.versions[0];
    expect(doc?.invalidOwnExamples).toBe(1);
    expect(doc?.example?.origin).toBe("generated");
  });
});
