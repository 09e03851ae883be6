import type { ConsumerPublishResult } from "../publish/consumer-run.js";

/** `accord consumer publish` for people: the consumer and registry, then one line per declaration. */
export function renderConsumerPublish(result: ConsumerPublishResult): string {
  const verb = result.dryRun ? "would be" : "";
  const lines = [`Consumer ${result.consumer} at ${result.registry}${result.dryRun ? " (dry run)" : ""}:`];
  for (const declaration of result.declarations) {
    const pinned = declaration.version !== undefined ? ` (v${declaration.version})` : "";
    lines.push(
      `  ${`${verb} ${declaration.status}`.trim().padEnd(16)} ${declaration.registrySubject}${pinned}: reads ${declaration.reads.join(", ")}`,
    );
  }
  return lines.join("\n");
}
