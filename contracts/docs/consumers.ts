import type { CatalogSubject } from "../catalog/types.js";
import type { CompareOptions } from "../compat/index.js";
import { consumerBreaks } from "../consumers/breaks.js";
import type { GraphLayout } from "./graph.js";
import type { VersionDoc } from "./types.js";

/**
 * What each declared consumer of a subject reads, and for each version whether it is safe for
 * that consumer: judged on the consumer's reader for one that declared `reads` or `schema` (the
 * consumer gate's question), on the version's compatibility verdict for one declared by name only.
 */

export type ConsumerVerdict =
  /** The version is at or before the one the consumer was built against: nothing to judge. */
  "built-against" | "safe" | "breaks" | "undetermined";

export interface ConsumerSafety {
  readonly name: string;
  /** Read paths, the consumer's own reader schema file, or everything (judged by the mode). */
  readonly reads: readonly string[] | { readonly schema: string } | "everything";
  readonly builtAgainst?: number;
  /** One per version, ascending. */
  readonly versions: readonly {
    readonly version: number;
    readonly verdict: ConsumerVerdict;
    /** The read paths (or, for a name-only consumer, the rule ids) a breaking version breaks. */
    readonly broken: readonly string[];
  }[];
}

export function consumerSafety(
  subject: Pick<CatalogSubject, "meta" | "versions"> & { readonly readers?: CatalogSubject["readers"] },
  versions: readonly VersionDoc[],
  options: CompareOptions,
): ConsumerSafety[] {
  // Subjects whose consumers are all plain names get no table: each version's change already
  // shows the mode's verdict, which is all there is to say about them.
  if (!subject.readers || subject.readers.length === 0) return [];
  return subject.meta.consumerEntries.map((entry) => {
    const reader = subject.readers?.find((candidate) => candidate.name === entry.name);
    if (!reader) {
      return {
        name: entry.name,
        reads: "everything",
        versions: versions.map((doc) => {
          const report = doc.change?.informational ? undefined : doc.change?.report;
          if (!report) return { version: doc.version, verdict: "built-against", broken: [] };
          const broken = [...new Set(report.findings.map((finding) => finding.rule))];
          const verdict =
            report.verdict === "compatible"
              ? "safe"
              : report.verdict === "incompatible"
                ? "breaks"
                : "undetermined";
          return { version: doc.version, verdict, broken };
        }),
      };
    }
    return {
      name: entry.name,
      reads: entry.reads ?? { schema: reader.file as string },
      builtAgainst: reader.version,
      versions: subject.versions.map((version) => {
        if (version.version <= reader.version)
          return { version: version.version, verdict: "built-against", broken: [] };
        const breaks = consumerBreaks(reader, version, options);
        const proven = breaks.filter((found) => !found.undetermined);
        const verdict = proven.length > 0 ? "breaks" : breaks.length > 0 ? "undetermined" : "safe";
        const broken = [
          ...new Set((proven.length > 0 ? proven : breaks).map((found) => found.path ?? found.finding.rule)),
        ];
        return { version: version.version, verdict, broken };
      }),
    };
  });
}

/** The subject page's map with each consumer the latest version breaks marked as broken. */
export function markBrokenConsumers(layout: GraphLayout, safety: readonly ConsumerSafety[]): GraphLayout {
  const broken = new Map<string, number>();
  for (const consumer of safety) {
    const latest = consumer.versions[consumer.versions.length - 1];
    if (latest?.verdict === "breaks") broken.set(consumer.name, latest.version);
  }
  if (broken.size === 0) return layout;
  return {
    ...layout,
    nodes: layout.nodes.map((node) => {
      const version = node.kind === "consumer" ? broken.get(node.label) : undefined;
      return version === undefined ? node : { ...node, brokenBy: version };
    }),
  };
}
