import type { CatalogConfig, CatalogSubject, CatalogVersion } from "../catalog/types.js";
import {
  type CompatibilityMode,
  checkCompatibility,
  type Json,
  type SchemaDocument,
} from "../compat/index.js";
import { consumerBreaks } from "./breaks.js";

/**
 * `accord impact`: before a candidate version is committed, which of a subject's declared
 * consumers it breaks. A consumer that declared `reads` or `schema` is judged on its reader; one
 * declared by name only reads everything, so the subject's compatibility mode judges it.
 */

export interface ImpactFinding {
  /** The engine's rule id for the gap. */
  readonly ruleId: string;
  /** The read path broken (consumers with `reads`). */
  readonly path?: string;
  readonly message: string;
  /** Into the consumer's reader (or, for the mode, the earlier version) and into the candidate. */
  readonly oldPath: string;
  readonly newPath: string;
  /** An event the candidate accepts and the consumer rejects, verified with ajv. */
  readonly example?: Json;
  readonly undetermined?: true;
}

export interface ImpactConsumer {
  readonly name: string;
  /** What it declared it reads: paths, its own schema file, or everything (judged by the mode). */
  readonly reads: readonly string[] | { readonly schema: string } | "everything";
  /** The version it was built against (consumers with `reads` or `schema`). */
  readonly version?: number;
  /** The mode that judged a consumer declared by name only. */
  readonly mode?: CompatibilityMode;
  /** No finding, proven or undetermined. */
  readonly safe: boolean;
  readonly findings: readonly ImpactFinding[];
}

export interface ImpactReport {
  readonly subject: string;
  /** The number the candidate would get: one past the latest. */
  readonly version: number;
  readonly consumers: readonly ImpactConsumer[];
}

export function impactOf(
  subject: CatalogSubject,
  candidate: SchemaDocument,
  config: CatalogConfig,
): ImpactReport {
  const latest = subject.versions[subject.versions.length - 1] as CatalogVersion;
  const version: CatalogVersion = {
    version: latest.version + 1,
    file: candidate.source,
    text: "",
    document: candidate,
  };
  const consumers = subject.meta.consumerEntries.map((entry): ImpactConsumer => {
    const reader = subject.readers.find((candidateReader) => candidateReader.name === entry.name);
    if (!reader) {
      const report = checkCompatibility(
        subject.versions.map((earlier) => earlier.document),
        candidate,
        subject.compatibility,
        config.compareOptions,
      );
      const findings: ImpactFinding[] = [
        ...report.findings.map((f) => ({ ...located(f), example: f.example })),
        ...report.undetermined.map((f) => ({ ...located(f), undetermined: true as const })),
      ];
      return {
        name: entry.name,
        reads: "everything",
        mode: subject.compatibility,
        safe: findings.length === 0,
        findings,
      };
    }
    const findings = consumerBreaks(reader, version, config.compareOptions).map(
      ({ path, finding, undetermined }): ImpactFinding => ({
        ...located(finding),
        ...(path !== undefined ? { path } : {}),
        ...(undetermined
          ? { undetermined: true as const }
          : { example: (finding as { example: Json }).example }),
      }),
    );
    return {
      name: entry.name,
      reads: entry.reads ?? { schema: reader.file as string },
      version: reader.version,
      safe: findings.length === 0,
      findings,
    };
  });
  return { subject: subject.name, version: version.version, consumers };
}

function located(finding: { rule: string; message: string; oldPath: string; newPath: string }) {
  return {
    ruleId: finding.rule,
    message: finding.message,
    oldPath: finding.oldPath,
    newPath: finding.newPath,
  };
}
