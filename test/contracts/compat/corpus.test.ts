import { describe, expect, it } from "vitest";
import { COMPAT_RULES, type CompatibilityMode, compareSchemas } from "../../../contracts/compat/index.js";
import type { CompatReport, Direction, Verdict } from "../../../contracts/compat/types.js";
import type { Json } from "../../../contracts/schema/types.js";
import {
  acceptableVerdicts,
  type CorpusCase,
  caseDocuments,
  combineVerdicts,
  DIRECTIONS,
  loadCorpus,
  truthOf,
  validatorsFor,
} from "../../support/corpus.js";
import { countAccepted, findCounterexample, sampleInstances, seedOf } from "../../support/sampling.js";

const corpus = loadCorpus();
const FAMILIES = [
  "additional-properties",
  "annotations",
  "array",
  "boolean-schemas",
  "combinators",
  "drafts",
  "enum-const",
  "equivalences",
  "nested",
  "number",
  "object",
  "refs",
  "required",
  "soundness",
  "string",
  "type",
  "undetermined",
];
const VERDICTS: readonly Verdict[] = ["compatible", "incompatible", "undetermined"];
const MODE_OF: Record<Direction, CompatibilityMode> = { backward: "BACKWARD", forward: "FORWARD" };

interface Row {
  readonly family: string;
  readonly c: CorpusCase;
  readonly direction: Direction;
  readonly description: string;
}

const rowsOf = (family: string, cases: readonly CorpusCase[]): Row[] =>
  cases.flatMap((c) => DIRECTIONS.map((direction) => ({ family, c, direction, description: c.description })));

const ruleIds = new Set(Object.keys(COMPAT_RULES));

describe("compat corpus: shape", () => {
  it("has one file per keyword family, named after it", () => {
    expect(corpus.map((f) => f.family)).toEqual(FAMILIES);
    for (const f of corpus) expect(f.file).toBe(`${f.family}.json`);
  });

  it("holds at least 110 cases, so at least 220 verdicts (and never fewer than 150)", () => {
    const cases = corpus.reduce((n, f) => n + f.cases.length, 0);
    expect(cases).toBeGreaterThanOrEqual(110);
    expect(cases * DIRECTIONS.length).toBeGreaterThanOrEqual(150);
  });

  it("has both verdicts well represented (a corpus of only compatible cases proves little)", () => {
    const all = corpus.flatMap((f) => f.cases.flatMap((c) => DIRECTIONS.map((d) => c[d])));
    const count = (v: Verdict) => all.filter((x) => x === v).length;
    expect(count("incompatible")).toBeGreaterThanOrEqual(80);
    expect(count("compatible")).toBeGreaterThanOrEqual(80);
    // undetermined is for genuinely hard questions only.
    expect(count("undetermined")).toBeLessThanOrEqual(all.length / 10);
  });

  describe.each(corpus)("$family", ({ family, cases }) => {
    it("has unique descriptions and well-formed expectations", () => {
      expect(new Set(cases.map((c) => c.description)).size).toBe(cases.length);
      for (const c of cases) {
        for (const direction of DIRECTIONS) {
          expect(VERDICTS, c.description).toContain(c[direction]);
          for (const rule of c.rules?.[direction] ?? []) {
            expect(ruleIds.has(rule), `${c.description}: unknown rule id ${rule}`).toBe(true);
            // A rule names a gap, and a compatible direction has none.
            expect(c[direction], `${c.description}: rules on a compatible direction`).not.toBe("compatible");
          }
          if (c.semantic?.[direction] !== undefined) expect(c[direction], c.description).toBe("undetermined");
          const truth = truthOf(c, direction);
          if (truth === "incompatible") {
            expect(c.witness?.[direction], `${c.description}: ${direction} needs a witness`).toBeDefined();
          }
          if (truth !== "incompatible") expect(c.witness?.[direction], c.description).toBeUndefined();
        }
        // Documents build and carry the draft their $schema names.
        expect(() => caseDocuments(family, c)).not.toThrow();
      }
    });
  });
});

describe("compat corpus: the ground truth checked against ajv", () => {
  describe.each(corpus)("$family", ({ family, cases }) => {
    const rows = rowsOf(family, cases).filter((r) => truthOf(r.c, r.direction) === "incompatible");
    if (rows.length > 0) {
      it.each(rows)("$description [$direction]: the witness breaks the reader", ({ c, direction }) => {
        const validators = validatorsFor(caseDocuments(family, c), direction, c.options);
        const witness = c.witness?.[direction] as Json;
        expect(validators.writerAccepts(witness), "witness must be valid under the writer").toBe(true);
        expect(validators.readerAccepts(witness), "witness must be invalid under the reader").toBe(false);
      });
    }

    const compatibleRows = rowsOf(family, cases).filter((r) => truthOf(r.c, r.direction) === "compatible");
    if (compatibleRows.length > 0) {
      it.each(compatibleRows)(
        "$description [$direction]: no sampled event breaks the reader",
        ({ c, direction }) => {
          const validators = validatorsFor(caseDocuments(family, c), direction, c.options);
          const instances = sampleInstances(validators.writer.root, validators.reader.root, {
            seed: seedOf(`${family}/${c.description}/${direction}`),
            probes: c.probes,
          });
          const counterexample = findCounterexample(
            instances,
            validators.writerAccepts,
            validators.readerAccepts,
          );
          expect(
            counterexample,
            `sampled event ${JSON.stringify(counterexample)} breaks the reader`,
          ).toBeUndefined();
        },
      );
    }
  });

  it("samples enough writer-valid events for the compatible checks to mean something", () => {
    let checked = 0;
    let thin = 0;
    for (const { family, cases } of corpus) {
      for (const { c, direction } of rowsOf(family, cases)) {
        if (truthOf(c, direction) !== "compatible") continue;
        const validators = validatorsFor(caseDocuments(family, c), direction, c.options);
        const instances = sampleInstances(validators.writer.root, validators.reader.root, {
          seed: seedOf(`${family}/${c.description}/${direction}`),
          probes: c.probes,
        });
        checked++;
        if (countAccepted(instances, validators.writerAccepts) < 25) thin++;
      }
    }
    // A few writers accept (almost) nothing on purpose (false, unsatisfiable bounds, duplicated oneOf).
    expect(thin).toBeLessThanOrEqual(Math.ceil(checked * 0.08));
  });

  it("samples well enough to rediscover, without the witness, nearly every known break", () => {
    // The sampling check of compatible directions is only evidence if the same sampler finds breaks
    // where they exist: run it on every incompatible direction and count how many it finds unaided.
    const missed: string[] = [];
    let total = 0;
    for (const { family, cases } of corpus) {
      for (const { c, direction } of rowsOf(family, cases)) {
        if (truthOf(c, direction) !== "incompatible") continue;
        total++;
        const validators = validatorsFor(caseDocuments(family, c), direction, c.options);
        const instances = sampleInstances(validators.writer.root, validators.reader.root, {
          seed: seedOf(`${family}/${c.description}/${direction}`),
        });
        if (findCounterexample(instances, validators.writerAccepts, validators.readerAccepts) === undefined) {
          missed.push(`${family}: ${c.description} [${direction}]`);
        }
      }
    }
    expect(missed.length, `missed:\n${missed.join("\n")}`).toBeLessThanOrEqual(Math.floor(total * 0.05));
  });
});

/** Checks one direction's report against the case; shared by the BACKWARD/FORWARD and FULL checks. */
function expectDirection(
  report: CompatReport,
  c: CorpusCase,
  family: string,
  direction: Direction,
  verdict: Verdict,
) {
  const validators = validatorsFor(caseDocuments(family, c), direction, c.options);
  const findings = report.findings.filter((f) => f.direction === direction);
  const undecided = report.undetermined.filter((u) => u.direction === direction);
  for (const finding of findings) {
    expect(ruleIds.has(finding.rule), `unknown rule id ${finding.rule}`).toBe(true);
    const shown = `${finding.rule} at ${finding.oldPath} -> ${finding.newPath}: ${JSON.stringify(finding.example)}`;
    expect(
      validators.writerAccepts(finding.example),
      `example must be valid under the writer (${shown})`,
    ).toBe(true);
    expect(
      validators.readerAccepts(finding.example),
      `example must be invalid under the reader (${shown})`,
    ).toBe(false);
  }
  const expectedRules = c.rules?.[direction] ?? [];
  if (verdict === "compatible") {
    expect(findings, "a compatible direction has no findings").toEqual([]);
    expect(undecided, "a compatible direction has nothing undecided").toEqual([]);
  } else if (verdict === "incompatible") {
    expect(findings.length, "an incompatible direction has at least one finding").toBeGreaterThan(0);
    expect(findings.map((f) => f.rule)).toEqual(expect.arrayContaining([...expectedRules]));
  } else {
    expect(findings, "an undetermined direction proved no break").toEqual([]);
    expect(undecided.length, "an undetermined direction says what it could not decide").toBeGreaterThan(0);
    expect(undecided.map((u) => u.rule)).toEqual(expect.arrayContaining([...expectedRules]));
  }
}

describe("compat engine against the corpus", () => {
  describe.each(corpus)("$family", ({ family, cases }) => {
    it.each(rowsOf(family, cases))("$description [$direction]", ({ c, direction }) => {
      const docs = caseDocuments(family, c);
      const report = compareSchemas(docs.old, docs.new, MODE_OF[direction], c.options);
      expect(acceptableVerdicts(c, direction)).toContain(report.verdict);
      expect(report.mode).toBe(MODE_OF[direction]);
      expect(report.compatible).toBe(report.verdict === "compatible");
      expect(report.assumptions.writersEmitOnlyDeclared).toBe(c.options?.writersEmitOnlyDeclared === true);
      for (const f of [...report.findings, ...report.undetermined]) expect(f.direction).toBe(direction);
      expectDirection(report, c, family, direction, report.verdict);
    });

    it.each(cases)("$description [FULL is backward and forward together]", (c) => {
      const docs = caseDocuments(family, c);
      const report = compareSchemas(docs.old, docs.new, "FULL", c.options);
      const acceptable = new Set<Verdict>();
      for (const b of acceptableVerdicts(c, "backward")) {
        for (const f of acceptableVerdicts(c, "forward")) acceptable.add(combineVerdicts(b, f));
      }
      expect([...acceptable]).toContain(report.verdict);
      for (const direction of DIRECTIONS) {
        const findings = report.findings.filter((f) => f.direction === direction);
        const undecided = report.undetermined.filter((u) => u.direction === direction);
        const seen: Verdict =
          findings.length > 0 ? "incompatible" : undecided.length > 0 ? "undetermined" : "compatible";
        expect(acceptableVerdicts(c, direction), `${direction} half of FULL`).toContain(seen);
        expectDirection(report, c, family, direction, seen);
      }
    });

    it.each(cases)("$description [NONE is always compatible]", (c) => {
      const docs = caseDocuments(family, c);
      const report = compareSchemas(docs.old, docs.new, "NONE", c.options);
      expect(report.verdict).toBe("compatible");
      expect(report.findings).toEqual([]);
      expect(report.undetermined).toEqual([]);
    });
  });
});
