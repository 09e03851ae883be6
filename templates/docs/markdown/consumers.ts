import type { ConsumerSafety } from "../../../contracts/docs/consumers.js";
import type { SubjectDoc } from "../../../contracts/docs/types.js";
import { cellCode, mdCell } from "./escape.js";

/**
 * The consumer table of a subject's Markdown page: who reads what, built against which version,
 * and whether each later version is safe for them (as on the HTML page).
 */
export function consumerLines(subject: SubjectDoc): string[] {
  const consumers = subject.consumerSafety ?? [];
  if (consumers.length === 0) return [];
  const versions = subject.versions.map((doc) => `v${doc.version}`);
  return [
    "## Consumers and what they read",
    "",
    `| Consumer | Reads | Built against | ${versions.join(" | ")} |`,
    `| --- | --- | --- | ${versions.map(() => "---").join(" | ")} |`,
    ...consumers.map(
      (consumer) =>
        `| ${mdCell(consumer.name)} | ${readsText(consumer)} | ${consumer.builtAgainst !== undefined ? `v${consumer.builtAgainst}` : "every version (mode)"} | ${consumer.versions.map(verdictText).join(" | ")} |`,
    ),
    "",
  ];
}

function readsText(consumer: ConsumerSafety): string {
  if (consumer.reads === "everything") return "everything";
  if (!Array.isArray(consumer.reads))
    return `its own schema ${cellCode((consumer.reads as { schema: string }).schema)}`;
  return (consumer.reads as readonly string[]).map(cellCode).join(", ");
}

function verdictText(entry: ConsumerSafety["versions"][number]): string {
  if (entry.verdict === "built-against") return "—";
  if (entry.verdict === "breaks") return `**breaks** ${entry.broken.map(cellCode).join(", ")}`;
  return entry.verdict;
}
