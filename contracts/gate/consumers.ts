import { type CatalogFinding, findingFingerprint } from "../catalog/findings.js";
import type {
  Catalog,
  CatalogConfig,
  CatalogSubject,
  CatalogVersion,
  ConsumerEntry,
  ConsumerReader,
} from "../catalog/types.js";
import type { Finding } from "../compat/index.js";
import { consumerBreaks } from "../consumers/breaks.js";
import { consumerReader } from "../consumers/reader.js";
import { canonicalJson } from "../schema/canonical.js";
import { joinPointer } from "../schema/pointer.js";
import { breakingInstancePath } from "./instance-path.js";
import { locateNearest } from "./locate.js";
import { GATE_RULES } from "./rules.js";

/**
 * The consumer gate (`consumerGate: true`). A consumer that declared what it reads (`reads` or
 * `schema` in subject.yaml) is broken by a version when some event valid under that version is
 * rejected by the consumer's reader: the engine's FORWARD question with the reader as the old side.
 * Such a break is `consumer-broken`, named by consumer and read path, with the engine's verified
 * example. When every declared consumer says what it reads, breaks of the subject's compatibility
 * mode that no consumer reads are only warnings; a plain-name consumer reads everything, so the
 * mode keeps failing the gate for it.
 */

/** A reader and the versions it is checked against. */
interface ConsumerCheck {
  readonly reader: ConsumerReader;
  readonly version: CatalogVersion;
  /** Reported at the new version's file, or (a changed declaration) at the consumer's entry. */
  readonly at: "version" | "declaration";
}

export interface ConsumerGateInput {
  readonly head: Catalog;
  readonly base?: Catalog;
  /** The versions the gate checks (added since the base, or all but each subject's first). */
  readonly checked: readonly { readonly subject: CatalogSubject; readonly version: CatalogVersion }[];
  readonly allowUndetermined: boolean;
}

export interface ConsumerGateResult {
  readonly findings: CatalogFinding[];
  /** `subject|version` of the versions checked for consumers beyond `checked`. */
  readonly examined: string[];
  /** Subjects whose compatibility-mode findings are warnings (every consumer says what it reads). */
  readonly relaxed: ReadonlySet<string>;
}

export function consumerGate(input: ConsumerGateInput): ConsumerGateResult {
  const findings: CatalogFinding[] = [];
  const examined: string[] = [];
  const relaxed = new Set<string>();
  const bases = new Map((input.base?.subjects ?? []).map((subject) => [subject.name, subject]));
  const newVersions = new Map<string, CatalogVersion[]>();
  for (const { subject, version } of input.checked) {
    const list = newVersions.get(subject.name) ?? [];
    list.push(version);
    newVersions.set(subject.name, list);
  }

  for (const subject of input.head.subjects) {
    if (!subject.consumerGate || subject.meta.consumerEntries.length === 0) continue;
    if (
      subject.meta.consumerEntries.every((entry) => entry.reads !== undefined || entry.schema !== undefined)
    ) {
      relaxed.add(subject.name);
    }
    const base = bases.get(subject.name);
    const latest = subject.versions[subject.versions.length - 1] as CatalogVersion;
    for (const headReader of subject.readers) {
      const fresh = newVersions.get(subject.name) ?? [];
      const checks =
        headReader.entry.version === undefined && input.base === undefined
          ? againstPredecessors(subject, headReader, fresh)
          : pinnedChecks(subject, headReader, base, fresh, latest, input.base !== undefined);
      for (const check of checks) {
        if (check.at === "declaration") examined.push(`${subject.name}|${check.version.version}`);
        for (const finding of breaksOf(subject, check, input.head.config, input.allowUndetermined))
          findings.push(finding);
      }
    }
  }
  return { findings, examined, relaxed };
}

/**
 * A pinned consumer, or, against a base, an unpinned one: built against the base's latest version
 * when the base already had the consumer (the same declaration, or one it changed now, as long as
 * that version declares what it reads now), else against the latest. Checked against every new
 * version after that, and against the latest when the declaration itself is new or changed.
 */
function pinnedChecks(
  subject: CatalogSubject,
  headReader: ConsumerReader,
  base: CatalogSubject | undefined,
  fresh: readonly CatalogVersion[],
  latest: CatalogVersion,
  againstBase: boolean,
): ConsumerCheck[] {
  const previous = base?.readers.find((reader) => sameDeclaration(reader, headReader));
  const reader =
    headReader.entry.version !== undefined
      ? headReader
      : (previous ?? (base ? readerAtBase(subject, headReader, base) : undefined) ?? headReader);
  const checks: ConsumerCheck[] = fresh
    .filter((version) => version.version > reader.version)
    .map((version) => ({ reader, version, at: "version" }));
  const changed = !againstBase || previous === undefined;
  if (changed && latest.version > reader.version && !checks.some((check) => check.version === latest)) {
    checks.push({ reader, version: latest, at: "declaration" });
  }
  return checks;
}

/**
 * An unpinned consumer the base already had, whose declaration changed: derived from the base's
 * latest version, the one it was built against, when that version declares everything it reads
 * now (otherwise it reads something newer, and is built against the latest).
 */
function readerAtBase(
  subject: CatalogSubject,
  headReader: ConsumerReader,
  base: CatalogSubject,
): ConsumerReader | undefined {
  if (!base.meta.consumerEntries.some((entry) => entry.name === headReader.name)) return undefined;
  const baseLatest = base.versions[base.versions.length - 1];
  const pinned = subject.versions.find((version) => version.version === baseLatest?.version);
  if (!pinned || pinned.version >= headReader.version) return undefined;
  if (headReader.entry.reads === undefined) return { ...headReader, version: pinned.version };
  const derived = consumerReader({
    subject: subject.name,
    entry: headReader.entry,
    pinned,
    site: { file: subject.metaFile ?? "", pointer: "#" },
  });
  return derived.ok ? derived.value : undefined;
}

/**
 * Without a base nothing says when an unpinned consumer was declared, so each version is held to
 * the promises its predecessor made to it: the reader derived from the version before, over the
 * read paths that version already declared.
 */
function againstPredecessors(
  subject: CatalogSubject,
  headReader: ConsumerReader,
  fresh: readonly CatalogVersion[],
): ConsumerCheck[] {
  const checks: ConsumerCheck[] = [];
  for (const version of fresh) {
    const before = [...subject.versions].reverse().find((earlier) => earlier.version < version.version);
    if (!before) continue;
    let reader: ConsumerReader = { ...headReader, version: before.version };
    if (headReader.entry.reads !== undefined) {
      const derived = consumerReader({
        subject: subject.name,
        entry: headReader.entry,
        pinned: before,
        site: { file: subject.metaFile ?? "", pointer: "#" },
        onlyDeclared: true,
      });
      // The declaration was validated against the latest version when the catalog loaded; an
      // earlier version it cannot be derived from holds no promise to keep.
      if (!derived.ok) continue;
      reader = derived.value;
    }
    checks.push({ reader, version, at: "version" });
  }
  return checks;
}

/** Compatibility-mode findings of relaxed subjects become warnings (see consumerGate). */
export function relaxModeFindings(
  findings: readonly CatalogFinding[],
  relaxed: ReadonlySet<string>,
): CatalogFinding[] {
  if (relaxed.size === 0) return [...findings];
  return findings.map((finding) =>
    finding.source === "compat" && finding.subject !== undefined && relaxed.has(finding.subject)
      ? { ...finding, severity: "warning" }
      : finding,
  );
}

/** Same consumer, same declaration (a `schema:` reader also with the same schema). */
function sameDeclaration(a: ConsumerReader, b: ConsumerReader): boolean {
  const shape = (reader: ConsumerReader) => {
    const { name, reads, version, schema }: ConsumerEntry = reader.entry;
    return canonicalJson({
      name,
      reads: reads ? [...reads] : null,
      version: version ?? null,
      schema: schema ?? null,
      reader: reader.file !== undefined ? reader.document.root : null,
    });
  };
  return shape(a) === shape(b);
}

function breaksOf(
  subject: CatalogSubject,
  check: ConsumerCheck,
  config: CatalogConfig,
  allowUndetermined: boolean,
): CatalogFinding[] {
  const { reader, version } = check;
  return consumerBreaks(reader, version, config.compareOptions).map((found) => {
    const ruleId = found.undetermined ? "consumer-undetermined" : "consumer-broken";
    const what =
      found.path !== undefined ? `reads ${found.path}` : `reads with its own schema (${reader.file})`;
    const verb = found.undetermined ? "may break" : "breaks";
    const origin = reader.entry.from !== undefined ? `, declared in ${reader.entry.from}` : "";
    const change =
      check.at === "declaration"
        ? `The declaration of consumer ${reader.name} (built against v${reader.version}${origin}) ${what}, which v${version.version}, the latest version, does not guarantee`
        : `Version ${version.version} ${verb} consumer ${reader.name} (built against v${reader.version}${origin}), which ${what}`;
    const entryPointer = joinPointer("#", "consumers", reader.entry.index);
    // A declaration kept elsewhere (a registry) has no line to point at: the version it is judged on does.
    const where =
      check.at === "declaration" && reader.entry.from === undefined && subject.metaFile !== undefined
        ? {
            file: subject.metaFile as string,
            pointer: entryPointer,
            ...(subject.metaLocate?.(entryPointer) ?? {}),
          }
        : {
            file: version.file,
            pointer: found.finding.newPath,
            ...(locateNearest(version.document.locate, found.finding.newPath) ?? {}),
          };
    const severity = found.undetermined && allowUndetermined ? "warning" : GATE_RULES[ruleId].severity;
    return {
      ruleId,
      source: "gate",
      severity,
      message: `${change}: ${found.finding.message}`,
      subject: subject.name,
      version: version.version,
      ...where,
      fingerprint: findingFingerprint({
        subject: subject.name,
        version: version.version,
        ruleId,
        pointer: `${found.finding.newPath} ${reader.name} ${found.path ?? ""}`,
      }),
      direction: "forward",
      against: reader.version,
      oldPath: found.finding.oldPath,
      newPath: found.finding.newPath,
      consumer: { name: reader.name, ...(found.path !== undefined ? { path: found.path } : {}) },
      ...(found.undetermined
        ? { undetermined: true }
        : {
            example: (found.finding as Finding).example,
            at: breakingInstancePath(found.finding, (found.finding as Finding).example),
          }),
    } satisfies CatalogFinding;
  });
}
