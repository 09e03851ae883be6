import {
  type CatalogFinding,
  compareFindings,
  countFindings,
  type FindingCounts,
  findingFingerprint,
  isFailing,
} from "../catalog/findings.js";
import { changesSince } from "../catalog/history.js";
import type {
  Catalog,
  CatalogConfig,
  CatalogException,
  CatalogSubject,
  CatalogVersion,
} from "../catalog/types.js";
import { ProvenChanges } from "../compat/index.js";
import { joinPointer } from "../schema/pointer.js";
import { checkVersion, type VersionCheck } from "./compat.js";
import { consumerGate, relaxModeFindings } from "./consumers.js";
import { applyExceptions, type ExceptionOutcome } from "./exceptions.js";
import { groupFindings } from "./group.js";
import { locateNearest } from "./locate.js";
import { GATE_RULES, type GateRuleId } from "./rules.js";

export type { VersionCheck } from "./compat.js";
export type { ExceptionOutcome, ExceptionStatus } from "./exceptions.js";
export { GATE_RULES, type GateRuleId } from "./rules.js";
export { filesOf, subjectCount, touchedSubjects } from "./scope.js";

/** What the registry said about a subject's newest local version (gathered by the CLI). */
export interface RegistryVerdict {
  /** Catalog subject (folder name). */
  readonly subject: string;
  /** The subject's name in the registry. */
  readonly registrySubject: string;
  readonly version: number;
  /** `not-registered`: the registry holds nothing for the subject, so any first version is accepted. */
  readonly status: "compatible" | "incompatible" | "not-registered";
  /** The registry's reasons (its own messages), for incompatible subjects. */
  readonly messages: readonly string[];
  /** `registry`: its compatibility endpoint answered; `engine`: Accord compared with the registry's latest schema. */
  readonly method: "registry" | "engine";
}

export interface GateInput {
  readonly head: Catalog;
  /** The catalog at the base ref; without it every subject's whole version chain is checked. */
  readonly base?: Catalog;
  /** YYYY-MM-DD, for exception expiry (passed in: contracts/ reads no clock). */
  readonly today: string;
  /** Undetermined spots become warnings instead of errors. */
  readonly allowUndetermined?: boolean;
  readonly registry?: readonly RegistryVerdict[];
  /** Called after each version is checked. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface GateReport {
  /** Identifies this JSON layout; a breaking change to it gets a new value. */
  readonly format: "accord-check/1";
  /** False when any error finding is not acknowledged. */
  readonly passed: boolean;
  /** `changes`: versions added since the base ref; `all-versions`: every version of every subject. */
  readonly scope: "changes" | "all-versions";
  readonly counts: FindingCounts;
  readonly subjects: {
    readonly total: number;
    readonly added: readonly string[];
    readonly removed: readonly string[];
  };
  /** One entry per version checked for compatibility. */
  readonly checks: readonly VersionCheck[];
  readonly findings: readonly CatalogFinding[];
  readonly exceptions: readonly ExceptionOutcome[];
  readonly registry?: readonly RegistryVerdict[];
}

/**
 * What one slice of the catalog contributes to a gate report. Subjects are independent, so a large
 * catalog can be checked in slices (in parallel) and the slices merged with finishGate.
 */
export interface GatePart {
  readonly subjects: number;
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly checks: readonly VersionCheck[];
  /** Before exceptions are applied. */
  readonly findings: readonly CatalogFinding[];
  /** `subject|version` of every version this slice examined, to tell unused exceptions from unchecked ones. */
  readonly examined: readonly string[];
}

export type GatePartInput = Omit<GateInput, "today">;

/**
 * The CI gate. Against a base: published versions must be unchanged, and every version added since
 * must be compatible with its predecessors under its subject's mode. Without a base: every version
 * of every subject against its predecessors. Exceptions in accord.yaml acknowledge findings.
 */
export function runGate(input: GateInput): GateReport {
  return finishGate([gatePart(input)], {
    config: input.head.config,
    scope: input.base ? "changes" : "all-versions",
    today: input.today,
    ...(input.registry ? { registry: input.registry } : {}),
  });
}

/** The findings of one catalog (or slice of one), exceptions not yet applied. */
export function gatePart(input: GatePartInput): GatePart {
  const { head, base } = input;
  let findings: CatalogFinding[] = [];
  const toCheck: { subject: CatalogSubject; version: CatalogVersion }[] = [];
  let added: string[] = [];
  let removed: string[] = [];
  const examined: string[] = [];

  if (base) {
    const changes = changesSince(base, head);
    added = changes.addedSubjects.map((subject) => subject.name);
    removed = changes.removedSubjects.map((subject) => subject.name);
    const bySubject = new Map(head.subjects.map((subject) => [subject.name, subject]));
    for (const subject of changes.addedSubjects) findings.push(subjectAdded(subject));
    for (const subject of changes.removedSubjects) findings.push(subjectRemoved(subject));
    const removedNames = new Set(removed);
    for (const change of changes.versions) {
      if (change.kind === "removed") {
        if (!removedNames.has(change.subject)) findings.push(versionRemoved(change.subject, change.base));
        continue;
      }
      examined.push(`${change.subject}|${change.version.version}`);
      if (change.kind === "edited") {
        findings.push(versionEdited(change.subject, change.version, bySubject.get(change.subject)));
      } else {
        toCheck.push({ subject: bySubject.get(change.subject) as CatalogSubject, version: change.version });
      }
    }
  } else {
    for (const subject of head.subjects) {
      for (const version of subject.versions) {
        examined.push(`${subject.name}|${version.version}`);
        if (version !== subject.versions[0]) toCheck.push({ subject, version });
      }
    }
  }

  const checks: VersionCheck[] = [];
  // Versions are checked oldest first within each subject, the order group.ts keeps first.
  const proven = new Map<string, ProvenChanges>();
  toCheck.forEach(({ subject, version }, index) => {
    const subjectProven = proven.get(subject.name) ?? new ProvenChanges();
    proven.set(subject.name, subjectProven);
    const result = checkVersion(
      subject,
      version,
      head.config,
      input.allowUndetermined === true,
      subjectProven,
    );
    checks.push(result.check);
    for (const finding of result.findings) findings.push(finding);
    input.onProgress?.(index + 1, toCheck.length);
  });

  const consumers = consumerGate({
    head,
    ...(base ? { base } : {}),
    checked: toCheck,
    allowUndetermined: input.allowUndetermined === true,
  });
  findings = relaxModeFindings(findings, consumers.relaxed);
  for (const finding of consumers.findings) findings.push(finding);
  for (const key of consumers.examined) examined.push(key);

  for (const verdict of input.registry ?? []) {
    if (verdict.status === "incompatible") findings.push(registryIncompatible(verdict, head));
  }
  return { subjects: head.subjects.length, added, removed, checks, findings, examined };
}

export interface FinishOptions {
  /** The working catalog's settings: its exceptions, and where they stand in accord.yaml. */
  readonly config: CatalogConfig;
  readonly scope: GateReport["scope"];
  readonly today: string;
  readonly registry?: readonly RegistryVerdict[];
  /** Subjects in the whole catalog, when the parts covered only the changed ones (see scope.ts). */
  readonly subjectsTotal?: number;
}

/** Merges slices (in subject order) into one report, applying the exceptions to all of it. */
export function finishGate(parts: readonly GatePart[], options: FinishOptions): GateReport {
  const examined = new Set(parts.flatMap((part) => part.examined));
  const inScope = (exception: CatalogException) =>
    options.scope === "all-versions" ||
    (exception.subject !== undefined &&
      exception.version !== undefined &&
      examined.has(`${exception.subject}|${exception.version}`));
  const applied = applyExceptions(
    groupFindings(parts.flatMap((part) => part.findings)),
    options.config.exceptions,
    options.today,
    inScope,
  );
  const all = [...applied.findings, ...exceptionFindings(applied.outcomes, options.config)].sort(
    compareFindings,
  );
  const sortedNames = (pick: (part: GatePart) => readonly string[]) => parts.flatMap(pick).sort();

  return {
    format: "accord-check/1",
    passed: !all.some(isFailing),
    scope: options.scope,
    counts: countFindings(all),
    subjects: {
      total: options.subjectsTotal ?? parts.reduce((sum, part) => sum + part.subjects, 0),
      added: sortedNames((part) => part.added),
      removed: sortedNames((part) => part.removed),
    },
    checks: parts.flatMap((part) => part.checks),
    findings: all,
    exceptions: applied.outcomes,
    ...(options.registry ? { registry: options.registry } : {}),
  };
}

function gateFinding(
  ruleId: GateRuleId,
  message: string,
  where: {
    subject?: string;
    version?: number;
    file?: string;
    pointer?: string;
    line?: number;
    column?: number;
  },
): CatalogFinding {
  return {
    ruleId,
    source: ruleId.startsWith("registry-") ? "registry" : "gate",
    severity: GATE_RULES[ruleId].severity,
    message,
    ...where,
    fingerprint: findingFingerprint({ ...where, ruleId }),
  };
}

function at(version: CatalogVersion) {
  const position = version.document.locate?.("#");
  return { file: version.file, pointer: "#", ...(position ?? {}) };
}

function subjectAdded(subject: CatalogSubject): CatalogFinding {
  const first = subject.versions[0] as CatalogVersion;
  const count = subject.versions.length;
  return gateFinding(
    "subject-added",
    `New subject ${subject.name} with ${count} version${count === 1 ? "" : "s"} (compatibility ${subject.compatibility}).`,
    { subject: subject.name, ...at(first) },
  );
}

function subjectRemoved(subject: CatalogSubject): CatalogFinding {
  const count = subject.versions.length;
  return gateFinding(
    "subject-removed",
    `Subject ${subject.name} (${count} published version${count === 1 ? "" : "s"}) exists at the base ref and was deleted; consumers of its events lose their contract. Deprecate it in subject.yaml instead.`,
    { subject: subject.name, file: subject.metaFile ?? (subject.versions[0] as CatalogVersion).file },
  );
}

function versionRemoved(subject: string, version: CatalogVersion): CatalogFinding {
  return gateFinding(
    "version-removed",
    `Version ${version.version} of ${subject} exists at the base ref and was deleted; published versions are immutable.`,
    { subject, version: version.version, file: version.file },
  );
}

function versionEdited(
  subject: string,
  version: CatalogVersion,
  current: CatalogSubject | undefined,
): CatalogFinding {
  const next = (current?.versions[current.versions.length - 1]?.version ?? version.version) + 1;
  return gateFinding(
    "version-edited",
    `Version ${version.version} of ${subject} exists at the base ref and was edited; published versions are immutable, so revert the edit and add v${next} instead.`,
    { subject, version: version.version, ...at(version) },
  );
}

function registryIncompatible(verdict: RegistryVerdict, head: Catalog): CatalogFinding {
  const subject = head.subjects.find((candidate) => candidate.name === verdict.subject);
  const version = subject?.versions.find((candidate) => candidate.version === verdict.version);
  const reasons = verdict.messages.length > 0 ? ` ${verdict.messages.join(" ")}` : "";
  return gateFinding(
    "registry-incompatible",
    `The registry rejects version ${verdict.version} of ${verdict.subject} as subject "${verdict.registrySubject}".${reasons}`,
    { subject: verdict.subject, version: verdict.version, ...(version ? at(version) : {}) },
  );
}

function exceptionFindings(outcomes: readonly ExceptionOutcome[], config: CatalogConfig): CatalogFinding[] {
  const findings: CatalogFinding[] = [];
  const { file, locate } = config;
  for (const outcome of outcomes) {
    if (outcome.status !== "expired" && outcome.status !== "unused") continue;
    const pointer = joinPointer(
      "#",
      "exceptions",
      outcome.index,
      ...(outcome.status === "expired" ? ["expires"] : []),
    );
    const position = locateNearest(locate, pointer);
    const names = describeException(outcome);
    const where = {
      ...(outcome.subject !== undefined ? { subject: outcome.subject } : {}),
      ...(outcome.version !== undefined ? { version: outcome.version } : {}),
      file,
      pointer,
      ...(position ?? {}),
    };
    findings.push(
      outcome.status === "expired"
        ? gateFinding(
            "exception-expired",
            `The exception for ${names} expired on ${outcome.expires}; matching findings fail the gate again. Fix the change, or renew the exception with a new date.`,
            where,
          )
        : gateFinding(
            "exception-unused",
            `The exception for ${names} matches no finding; remove it from accord.yaml.`,
            where,
          ),
    );
  }
  return findings;
}

function describeException(exception: ExceptionOutcome): string {
  const parts = [
    exception.subject !== undefined ? exception.subject : undefined,
    exception.version !== undefined ? `v${exception.version}` : undefined,
    exception.rule,
    exception.fingerprint !== undefined ? `fingerprint ${exception.fingerprint}` : undefined,
  ].filter((part) => part !== undefined);
  return parts.join(" ");
}
