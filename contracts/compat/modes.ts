/**
 * Compatibility modes are questions of inclusion. BACKWARD: every event valid under the old
 * schema is valid under the new one (new readers read old events). FORWARD: every event valid
 * under the new schema is valid under the old one (old readers read new events). FULL: both.
 * NONE: nothing is asked. *_TRANSITIVE: the same against every earlier version, not only the last.
 * Every example is checked with ajv before it is reported; one that does not verify turns its
 * finding into an undetermined spot, so the engine never reports an example that does not break.
 */
import { errorsFor, guardedValidatorFor } from "../schema/ajv.js";
import { canonicalJson } from "../schema/canonical.js";
import { isJsonObject as isObject } from "../schema/json-value.js";
import { childAt, decodePointerToken as unescapeToken } from "../schema/pointer.js";
import type { Json, SchemaDocument } from "../schema/types.js";
import { WeakMemo } from "../schema/weak-memo.js";
import { Inclusion } from "./engine.js";
import { formatsFor } from "./formats.js";
import type { GapSite } from "./gaps.js";
import { itemAt } from "./intersect.js";
import type { Branch, Normal } from "./normal-form.js";
import { schemaForName } from "./object-shape.js";
import { changeKey, type ProvenChanges } from "./proven-changes.js";
import { describeGap, ruleFor } from "./rules.js";
import { type Side, sideOf } from "./sides.js";
import type {
  AutomatonDecision,
  CompareOptions,
  CompatibilityMode,
  CompatReport,
  Direction,
  Finding,
  Undecided,
  Verdict,
} from "./types.js";
import { typeOfValue } from "./values.js";
import { type ProofContext, prove } from "./witness.js";

export function directionsOf(mode: CompatibilityMode): Direction[] {
  if (mode.startsWith("BACKWARD")) return ["backward"];
  if (mode.startsWith("FORWARD")) return ["forward"];
  if (mode.startsWith("FULL")) return ["backward", "forward"];
  return [];
}

export function isTransitive(mode: CompatibilityMode): boolean {
  return mode.endsWith("_TRANSITIVE");
}

/** Compares one old and one new version under a mode (TRANSITIVE forms act as their plain form here). */
export function compareSchemas(
  previous: SchemaDocument,
  current: SchemaDocument,
  mode: CompatibilityMode,
  options: CompareOptions = {},
): CompatReport {
  return checkCompatibility([previous], current, mode, options);
}

/**
 * Checks a candidate against a subject's history (oldest first). Plain modes compare with the
 * latest version only; TRANSITIVE modes with every earlier version. `proven`, kept by a caller
 * across a subject's versions, marks the changes whose first proof it already holds: their
 * examples here are only verified (`repeat`), and this check's findings join it.
 */
export function checkCompatibility(
  history: readonly SchemaDocument[],
  candidate: SchemaDocument,
  mode: CompatibilityMode,
  options: CompareOptions = {},
  proven?: ProvenChanges,
): CompatReport {
  const transitive = isTransitive(mode);
  const compared = transitive
    ? history.map((doc, i) => ({ doc, index: i + 1 }))
    : history.slice(-1).map((doc) => ({ doc, index: history.length }));
  const findings: Finding[] = [];
  const undetermined: Undecided[] = [];
  let structural = 0;
  const automata: AutomatonDecision[] = [];
  for (const { doc, index } of compared) {
    for (const direction of directionsOf(mode)) {
      const result = comparePair(doc, candidate, direction, options, proven);
      const against = transitive && history.length > 1 ? { against: index } : {};
      for (const finding of result.findings) {
        findings.push({ ...finding, ...against });
        proven?.add(finding);
      }
      for (const spot of result.undetermined) undetermined.push({ ...spot, ...against });
      structural += result.structural;
      for (const decision of result.automata) automata.push({ ...decision, ...against });
    }
  }
  // A change proven at a place is not also undecided there: the same schema place met through
  // another path (a definition used in two parts of the event) where no example could be built.
  const provenHere = new Set(findings.map((finding) => `${finding.against ?? 0}|${changeKey(finding)}`));
  const open = undetermined.filter((spot) => !provenHere.has(`${spot.against ?? 0}|${changeKey(spot)}`));
  const verdict: Verdict =
    findings.length > 0 ? "incompatible" : open.length > 0 ? "undetermined" : "compatible";
  const last = compared.at(-1)?.doc;
  return {
    compatible: verdict === "compatible",
    verdict,
    mode,
    assumptions: {
      writersEmitOnlyDeclared: options.writersEmitOnlyDeclared === true,
      annotationKeywords: [...(options.annotationKeywords ?? [])].sort(),
      oldDraft: last?.draft,
      newDraft: candidate.draft,
      draftAssumed: candidate.draftAssumed || compared.some(({ doc }) => doc.draftAssumed),
    },
    findings: sortAndDedupe(findings),
    undetermined: sortAndDedupe(open),
    reasoning: { structural, automata: automata.slice(0, 50), search: findings.length },
  };
}

const NOTHING_TO_COMPARE: Compared = { findings: [], undetermined: [], structural: 0, automata: [] };

/**
 * Answers per pair of document roots, direction and reading. A transitive check asks the same
 * question again for every later version, FULL asks it from both sides of a pair, and the docs ask
 * what the check asked; a catalog's identical versions share one root (the loader interns them),
 * so a release that left a schema alone costs nothing. Held weakly: answers go with their documents.
 */
const answers = new WeakMemo<WeakMemo<Compared>>();

/**
 * Every option, by name, in one key: an answer is reused only under the same options, including
 * any a later change adds (a stale answer under another reading could be a wrong verdict).
 */
function readingOf(options: CompareOptions): string {
  const { annotationKeywords, writersEmitOnlyDeclared, ...rest } = options;
  return JSON.stringify([
    writersEmitOnlyDeclared === true,
    [...(annotationKeywords ?? [])].sort(),
    Object.entries(rest).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  ]);
}

const canonicalTexts = new WeakMemo<string>();

/**
 * The same schema: one root (a catalog interns identical versions), or the same canonical text
 * under the same draft (two files that differ only in layout or key order). Decided here, since
 * the engine cannot always tell: a recursive constraint it keeps opaque has no canonical text of
 * its own to match across two documents.
 */
function sameSchema(a: SchemaDocument, b: SchemaDocument): boolean {
  if (a.draft !== b.draft) return false;
  if (a.root === b.root) return true;
  const text = (root: Json): string =>
    isObject(root) ? canonicalTexts.remember(root, "", () => canonicalJson(root)) : canonicalJson(root);
  return text(a.root) === text(b.root);
}

function comparePair(
  oldDocument: SchemaDocument,
  newDocument: SchemaDocument,
  direction: Direction,
  options: CompareOptions,
  proven: ProvenChanges | undefined,
): Compared {
  // One schema includes itself under every reading (closing the writer's objects only shrinks it).
  if (sameSchema(oldDocument, newDocument)) return NOTHING_TO_COMPARE;
  const [oldRoot, newRoot] = [oldDocument.root, newDocument.root];
  if (!isObject(oldRoot) || !isObject(newRoot))
    return compareWithinBudget(oldDocument, newDocument, direction, options, proven);
  const reading = [direction, oldDocument.draft, newDocument.draft, readingOf(options)].join("|");
  let asked = false;
  const answer = answersOf(proven)
    .remember(oldRoot, "", () => new WeakMemo<Compared>())
    .remember(newRoot, reading, () => {
      asked = true;
      return compareWithinBudget(oldDocument, newDocument, direction, options, proven);
    });
  if (!proven || asked) return answer;
  // Asked again in this history (versions that share one schema): each change in the answer was
  // proven when it was first asked.
  return { ...answer, findings: answer.findings.map((finding) => ({ ...finding, repeat: true })) };
}

const answersByHistory = new WeakMap<ProvenChanges, WeakMemo<WeakMemo<Compared>>>();

/**
 * Where a pair's answer is kept: an answer shaped by one history's proven changes (examples of
 * repeats left as found) is that history's alone.
 */
function answersOf(proven: ProvenChanges | undefined): WeakMemo<WeakMemo<Compared>> {
  if (!proven) return answers;
  let own = answersByHistory.get(proven);
  if (!own) {
    own = new WeakMemo<WeakMemo<Compared>>();
    answersByHistory.set(proven, own);
  }
  return own;
}

/**
 * compareOne, but a schema nested or recursive beyond what the engine's recursion can hold (the
 * loader limits nesting; documents built in memory need not) gives an undetermined verdict that
 * says so, never a crash.
 */
function compareWithinBudget(
  oldDocument: SchemaDocument,
  newDocument: SchemaDocument,
  direction: Direction,
  options: CompareOptions,
  proven: ProvenChanges | undefined,
): Compared {
  try {
    return compareOne(oldDocument, newDocument, direction, options, proven);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return {
      findings: [],
      structural: 0,
      automata: [],
      undetermined: [
        {
          rule: ruleFor("budget", direction),
          direction,
          oldPath: "#",
          newPath: "#",
          message:
            "Could not decide: the schemas nest or recurse deeper than the engine can follow (its call stack ran out).",
        },
      ],
    };
  }
}

function compareOne(
  oldDocument: SchemaDocument,
  newDocument: SchemaDocument,
  direction: Direction,
  options: CompareOptions,
  proven: ProvenChanges | undefined,
): Compared {
  const closedWriters = options.writersEmitOnlyDeclared === true;
  const annotations = options.annotationKeywords ?? [];
  const [writer, reader] =
    direction === "backward"
      ? [sideOf(oldDocument, closedWriters, annotations), sideOf(newDocument, false, annotations)]
      : [sideOf(newDocument, closedWriters, annotations), sideOf(oldDocument, false, annotations)];
  const inclusion = new Inclusion(
    writer.normalizer,
    reader.normalizer,
    writer.values,
    reader.values,
    formatsFor(writer.document.draft),
    options,
  );
  const writerNormal = writer.normalizer.normalize(writer.document.root);
  const readerNormal = reader.normalizer.normalize(reader.document.root);
  const outcome = inclusion.include(writerNormal, readerNormal);
  const roots = { old: oldDocument.root, new: newDocument.root };
  const findings: Finding[] = [];
  const undetermined: Undecided[] = outcome.unknowns.map((site) => toUndecided(site, direction, roots));
  const reasoning = { structural: inclusion.structural, automata: automataOf(inclusion, direction, roots) };
  if (outcome.gaps.length === 0) return { findings, undetermined, ...reasoning };
  const context: ProofContext = {
    writerAccepts: guardedValidatorFor(writer.document.root, writer.document.draft),
    readerErrors: errorsFor(reader.document.root, reader.document.draft),
    // Values valid for the sub-schemas at that place: the reader's first, then the writer's.
    replacements: (path, current) =>
      [
        valueAtPath(reader, readerNormal, path, current),
        valueAtPath(writer, writerNormal, path, current),
      ].filter((value): value is Json => value !== undefined),
  };
  for (const gap of outcome.gaps) {
    const located = locate(gap, direction, roots);
    const repeat = proven?.has(located) === true;
    const proof = prove(gap.example, gap.at ?? [], context, !repeat);
    if (proof) findings.push({ ...located, ...proof, ...(repeat ? { repeat } : {}) });
    else undetermined.push(toUndecided(gap, direction, roots));
  }
  return { findings, undetermined, ...reasoning };
}

/** What one direction's comparison found, and how it was decided. */
interface Compared {
  readonly findings: Finding[];
  readonly undetermined: Undecided[];
  readonly structural: number;
  readonly automata: AutomatonDecision[];
}

function automataOf(inclusion: Inclusion, direction: Direction, roots: Roots): AutomatonDecision[] {
  return inclusion.automata.map(({ writerPath, readerPath, what }) => {
    const [oldPath, newPath] = direction === "backward" ? [writerPath, readerPath] : [readerPath, writerPath];
    return {
      direction,
      oldPath: resolvingPrefix(roots.old, oldPath),
      newPath: resolvingPrefix(roots.new, newPath),
      what,
    };
  });
}

/**
 * A value valid under the sub-schema that governs an instance path, following the branch of the
 * current value's type at each step (properties by name, items by position).
 */
function valueAtPath(
  side: Side,
  root: Normal,
  path: readonly string[],
  current: Json | undefined,
): Json | undefined {
  let normal: Normal | undefined = root;
  for (const token of path) {
    const branch: Branch | undefined = normal?.branches.find(
      (b) => b.type === "object" || b.type === "array",
    );
    if (!branch) return undefined;
    if (branch.type === "object") normal = schemaForName(branch, token, side.normalizer).get();
    else if (branch.type === "array") normal = itemAt(branch, Number(token)).get();
  }
  if (!normal) return undefined;
  const sameType = normal.branches.filter((b) => current === undefined || b.type === typeOfValue(current));
  for (const branch of [...sameType, ...normal.branches]) {
    const value = side.values.validForBranch(branch);
    if (value !== undefined) return value;
  }
  return undefined;
}

interface Roots {
  readonly old: Json;
  readonly new: Json;
}

function locate(site: GapSite, direction: Direction, roots: Roots) {
  const rule = ruleFor(site.kind, direction);
  const [oldPath, newPath] =
    direction === "backward" ? [site.writerPath, site.readerPath] : [site.readerPath, site.writerPath];
  return {
    rule,
    direction,
    oldPath: resolvingPrefix(roots.old, oldPath),
    newPath: resolvingPrefix(roots.new, newPath),
    message: describeGap(site, direction),
  };
}

/**
 * The longest prefix of a pointer that exists in its document. A gap names the keyword it is
 * about on both sides, but one side may lack that keyword (a format the old schema never had) or
 * hold it in a member it was merged from: a report must never point at a place that does not exist.
 */
function resolvingPrefix(root: Json, path: string): string {
  if (!path.startsWith("#")) return path;
  const tokens = path === "#" ? [] : path.slice(2).split("/");
  let node: Json | undefined = root;
  let kept = 0;
  for (const raw of tokens) {
    const next = childAt(node as Json, unescapeToken(raw));
    if (next === undefined) break;
    node = next;
    kept++;
  }
  return kept === tokens.length ? path : ["#", ...tokens.slice(0, kept)].join("/");
}

function toUndecided(site: GapSite, direction: Direction, roots: Roots): Undecided {
  const located = locate(site, direction, roots);
  return {
    ...located,
    message: `Could not decide: ${located.message} No example breaks it, and inclusion could not be proven${
      site.reason ? `: ${site.reason}` : ""
    }.`,
  };
}

function sortAndDedupe<
  T extends {
    rule: string;
    oldPath: string;
    newPath: string;
    direction: Direction;
    message: string;
    against?: number;
  },
>(items: T[]): T[] {
  const seen = new Set<string>();
  const unique = items.filter((item) => {
    const key = `${item.against ?? 0}|${changeKey(item)}|${item.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort(
    (a, b) =>
      (a.against ?? 0) - (b.against ?? 0) ||
      a.oldPath.localeCompare(b.oldPath) ||
      a.newPath.localeCompare(b.newPath) ||
      a.rule.localeCompare(b.rule),
  );
}
