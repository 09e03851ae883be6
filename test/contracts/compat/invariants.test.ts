import { describe, expect, it } from "vitest";
import { createRng, generateEventSchema } from "../../../bench/fixtures/event-schemas.js";
import {
  type CompatibilityMode,
  type CompatReport,
  checkCompatibility,
  compareSchemas,
} from "../../../contracts/compat/index.js";
import type { Json, SchemaDocument } from "../../../contracts/schema/types.js";
import { caseDocuments, combineVerdicts, loadCorpus } from "../../support/corpus.js";
import { schemaDocument } from "../../support/schema-doc.js";

const corpus = loadCorpus();
const cases = corpus.flatMap(({ family, cases }) =>
  cases.map((c) => ({ family, c, description: `${family}: ${c.description}` })),
);

/** Every distinct schema in the corpus, once. */
const schemas: { label: string; root: Json }[] = [];
{
  const seen = new Set<string>();
  for (const { family, c } of cases) {
    for (const side of ["old", "new"] as const) {
      const key = JSON.stringify(c[side]);
      if (seen.has(key)) continue;
      seen.add(key);
      schemas.push({ label: `${family}: ${c.description} (${side})`, root: c[side] });
    }
  }
}

const clone = <T>(value: T): T => structuredClone(value);

function expectClean(report: CompatReport) {
  expect(report.verdict).toBe("compatible");
  expect(report.compatible).toBe(true);
  expect(report.findings).toEqual([]);
  expect(report.undetermined).toEqual([]);
}

/** Resolves a `#/a/b` pointer in a document; undefined when some token is missing. */
function resolvePointer(root: Json, pointer: string): Json | undefined {
  if (pointer === "#" || pointer === "#/") return root;
  let node: Json | undefined = root;
  for (const raw of pointer.replace(/^#\//, "").split("/")) {
    const token = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (node === null || typeof node !== "object") return undefined;
    node = Array.isArray(node) ? node[Number(token)] : node[token];
    if (node === undefined) return undefined;
  }
  return node;
}

/** The schema a finding's pointer sits in: the pointer itself, or its parent when it names a keyword the side lacks. */
function pointsInto(root: Json, pointer: string): boolean {
  if (!pointer.startsWith("#")) return false;
  if (resolvePointer(root, pointer) !== undefined) return true;
  const parent = pointer.slice(0, pointer.lastIndexOf("/"));
  return resolvePointer(root, parent === "" ? "#" : parent) !== undefined;
}

describe("compat invariants: a schema is compatible with itself", () => {
  it.each(schemas)("$label", ({ label, root }) => {
    const doc = schemaDocument(root, label);
    expectClean(compareSchemas(doc, doc, "FULL"));
    // A deep copy too, so identity shortcuts cannot hide a comparison that fails on equal content.
    expectClean(compareSchemas(doc, schemaDocument(clone(root), `${label} (copy)`), "FULL"));
  });

  it("holds for generated event schemas as well", () => {
    const rng = createRng(0x5eed);
    for (let i = 0; i < 60; i++) {
      const root = generateEventSchema(rng, { properties: [3, 12], defs: i % 3 });
      const doc = schemaDocument(root, `generated #${i}`);
      expectClean(compareSchemas(doc, schemaDocument(clone(root), `generated #${i} (copy)`), "FULL"));
    }
  });
});

describe("compat invariants over every corpus pair", () => {
  it.each(cases)("$description: BACKWARD(a, b) == FORWARD(b, a)", ({ family, c }) => {
    const docs = caseDocuments(family, c);
    const forwardSwapped = compareSchemas(docs.new, docs.old, "FORWARD", c.options);
    const backward = compareSchemas(docs.old, docs.new, "BACKWARD", c.options);
    expect(forwardSwapped.verdict).toBe(backward.verdict);
    const backwardSwapped = compareSchemas(docs.new, docs.old, "BACKWARD", c.options);
    const forward = compareSchemas(docs.old, docs.new, "FORWARD", c.options);
    expect(backwardSwapped.verdict).toBe(forward.verdict);
  });

  it.each(cases)("$description: FULL == BACKWARD and FORWARD; NONE is compatible", ({ family, c }) => {
    const docs = caseDocuments(family, c);
    const backward = compareSchemas(docs.old, docs.new, "BACKWARD", c.options);
    const forward = compareSchemas(docs.old, docs.new, "FORWARD", c.options);
    const full = compareSchemas(docs.old, docs.new, "FULL", c.options);
    expect(full.verdict).toBe(combineVerdicts(backward.verdict, forward.verdict));
    expectClean(compareSchemas(docs.old, docs.new, "NONE", c.options));
  });

  it.each(cases)("$description: findings point into the documents they name", ({ family, c }) => {
    // The CLI turns these pointers into file:line:column; a pointer into the wrong document or a
    // flattened copy of it sends people to the wrong place.
    const docs = caseDocuments(family, c);
    const full = compareSchemas(docs.old, docs.new, "FULL", c.options);
    for (const f of [...full.findings, ...full.undetermined]) {
      expect(pointsInto(c.old, f.oldPath), `${f.rule}: oldPath ${f.oldPath} is not in the old schema`).toBe(
        true,
      );
      expect(pointsInto(c.new, f.newPath), `${f.rule}: newPath ${f.newPath} is not in the new schema`).toBe(
        true,
      );
    }
  });

  it.each(cases)(
    "$description: the engine leaves its inputs alone and answers the same twice",
    ({ family, c }) => {
      const docs = caseDocuments(family, c);
      const before = JSON.stringify([c.old, c.new]);
      const first = compareSchemas(docs.old, docs.new, "FULL", c.options);
      const second = compareSchemas(docs.old, docs.new, "FULL", c.options);
      expect(JSON.stringify([c.old, c.new])).toBe(before);
      expect(second).toEqual(first);
    },
  );
});

describe("compat invariants: histories", () => {
  const doc = (root: Json, label: string): SchemaDocument => schemaDocument(root, label);
  // v1 allowed C; v2 dropped it; v3 adds D. v3 reads everything v2 wrote, but not what v1 wrote.
  const v1 = doc({ type: "string", enum: ["A", "B", "C"] }, "v1");
  const v2 = doc({ type: "string", enum: ["A", "B"] }, "v2");
  const v3 = doc({ type: "string", enum: ["A", "B", "D"] }, "v3");

  it.each<[CompatibilityMode, string]>([
    ["BACKWARD", "compatible"],
    ["BACKWARD_TRANSITIVE", "incompatible"],
    ["FORWARD", "incompatible"],
    ["FORWARD_TRANSITIVE", "incompatible"],
    ["FULL", "incompatible"],
    ["NONE", "compatible"],
  ])("%s over [v1, v2] with candidate v3 is %s", (mode, verdict) => {
    const report = checkCompatibility([v1, v2], v3, mode);
    expect(report.verdict).toBe(verdict);
    expect(report.mode).toBe(mode);
  });

  it("says which earlier version a transitive break is against", () => {
    const report = checkCompatibility([v1, v2], v3, "BACKWARD_TRANSITIVE");
    expect(report.findings.length).toBeGreaterThan(0);
    for (const finding of report.findings) {
      expect(finding.against).toBe(1);
      expect(finding.example).toBe("C");
    }
  });

  it.each(cases)("$description: one-version history equals compareSchemas", ({ family, c }) => {
    const docs = caseDocuments(family, c);
    for (const mode of ["BACKWARD", "FORWARD", "FULL"] as const) {
      const viaHistory = checkCompatibility([docs.old], docs.new, mode, c.options);
      expect(viaHistory.verdict, mode).toBe(compareSchemas(docs.old, docs.new, mode, c.options).verdict);
    }
  });
});
