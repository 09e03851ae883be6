import { type CatalogFinding, findingFingerprint } from "../catalog/findings.js";
import type { CatalogConfig, CatalogSubject, CatalogVersion } from "../catalog/types.js";
import { checkCompatibility, type ProvenChanges } from "../compat/index.js";
import type { CompatReport } from "../compat/types.js";
import { breakingInstancePath, readerSaysOf } from "./instance-path.js";
import { locateNearest } from "./locate.js";

export interface VersionCheck {
  readonly subject: string;
  readonly version: number;
  readonly mode: CatalogSubject["compatibility"];
  /** Versions compared with, oldest first. */
  readonly against: readonly number[];
  readonly verdict: CompatReport["verdict"];
}

/**
 * Checks one version of a subject against the versions before it, under the subject's mode, and
 * turns the engine's report into findings that point at the version's file. `against` in the
 * engine is an index into the history; findings carry the version number instead. `proven` holds
 * the changes the subject's earlier versions proved: a repeat is grouped under its first finding
 * (group.ts), which keeps the example, so its own example is only verified.
 */
export function checkVersion(
  subject: CatalogSubject,
  version: CatalogVersion,
  config: CatalogConfig,
  allowUndetermined: boolean,
  proven?: ProvenChanges,
): { check: VersionCheck; findings: CatalogFinding[] } {
  const history = subject.versions.filter((earlier) => earlier.version < version.version);
  const mode = subject.compatibility;
  const transitive = mode.endsWith("_TRANSITIVE");
  const compared = transitive ? history : history.slice(-1);
  if (history.length === 0 || mode === "NONE") {
    return {
      check: { subject: subject.name, version: version.version, mode, against: [], verdict: "compatible" },
      findings: [],
    };
  }
  const report = checkCompatibility(
    history.map((earlier) => earlier.document),
    version.document,
    mode,
    config.compareOptions,
    proven,
  );
  const againstVersion = (index: number | undefined) =>
    (index === undefined ? history[history.length - 1] : history[index - 1])?.version;

  const findings: CatalogFinding[] = [];
  const common = (entry: (typeof report.findings)[number] | (typeof report.undetermined)[number]) => {
    const position = locateNearest(version.document.locate, entry.newPath);
    const against = againstVersion(entry.against);
    return {
      ruleId: entry.rule,
      source: "compat" as const,
      message: entry.message,
      subject: subject.name,
      version: version.version,
      file: version.file,
      pointer: entry.newPath,
      ...(position ? { line: position.line, column: position.column } : {}),
      fingerprint: findingFingerprint({
        subject: subject.name,
        version: version.version,
        ruleId: entry.rule,
        pointer: entry.newPath,
      }),
      direction: entry.direction,
      ...(against !== undefined ? { against } : {}),
      oldPath: entry.oldPath,
      newPath: entry.newPath,
    };
  };
  for (const entry of report.findings) {
    findings.push({
      ...common(entry),
      severity: "error",
      example: entry.example,
      at: breakingInstancePath(entry, entry.example),
      ...readerSaysOf(entry),
    });
  }
  for (const entry of report.undetermined) {
    findings.push({
      ...common(entry),
      severity: allowUndetermined ? "warning" : "error",
      undetermined: true,
    });
  }
  return {
    check: {
      subject: subject.name,
      version: version.version,
      mode,
      against: compared.map((earlier) => earlier.version),
      verdict: report.verdict,
    },
    findings,
  };
}
