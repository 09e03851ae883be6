import type { Catalog, CatalogSubject, ConsumerEntry, ConsumerReader } from "../catalog/types.js";
import { consumerReader } from "./reader.js";

/**
 * Consumers a registry knows (declared with `accord consumer publish`) joined to a producer's
 * catalog for `accord check --registry`: each becomes a consumer of the catalog subject whose
 * registry name it was declared under, unless subject.yaml already declares one of that name
 * (the catalog's own declaration wins). Version numbers are the registry's, which match the
 * catalog's when the catalog is what was published.
 */

export interface KnownConsumer {
  /** The registry subject. */
  readonly subject: string;
  readonly consumer: string;
  readonly reads: readonly string[];
  readonly version: number;
}

export function withKnownConsumers(
  catalog: Catalog,
  known: readonly KnownConsumer[],
  from: string,
): { readonly catalog: Catalog; readonly warnings: string[] } {
  const warnings: string[] = [];
  const subjects = catalog.subjects.map((subject): CatalogSubject => {
    const declared = new Set(subject.meta.consumerEntries.map((entry) => entry.name));
    const entries: ConsumerEntry[] = [];
    const readers: ConsumerReader[] = [];
    for (const consumer of known) {
      if (consumer.subject !== subject.registrySubject || declared.has(consumer.consumer)) continue;
      const pinned = subject.versions.find((version) => version.version === consumer.version);
      const about = `consumer ${consumer.consumer} of ${consumer.subject} (from ${from})`;
      if (!pinned) {
        warnings.push(
          `${about} is pinned to v${consumer.version}, which the catalog does not have; left out`,
        );
        continue;
      }
      const entry: ConsumerEntry = {
        name: consumer.consumer,
        reads: consumer.reads,
        version: consumer.version,
        from,
        index: subject.meta.consumerEntries.length + entries.length,
      };
      const reader = consumerReader({
        subject: subject.name,
        entry,
        pinned,
        site: { file: from, pointer: "#" },
      });
      if (!reader.ok) {
        warnings.push(`${about} cannot be judged against the catalog: ${reader.error.message}; left out`);
        continue;
      }
      entries.push(entry);
      readers.push(reader.value);
    }
    if (entries.length === 0) return subject;
    const consumerEntries = [...subject.meta.consumerEntries, ...entries];
    return {
      ...subject,
      meta: { ...subject.meta, consumers: consumerEntries.map((entry) => entry.name), consumerEntries },
      readers: [...subject.readers, ...readers],
    };
  });
  return { catalog: { ...catalog, subjects }, warnings };
}
