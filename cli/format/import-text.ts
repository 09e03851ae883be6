import type { ImportResult } from "../import/run.js";
import { plainStyle, type Style } from "./style.js";

/** `accord import` for people: the subjects imported (and renumbered, skipped, refused), then the files written. */
export function renderImport(result: ImportResult, style: Style = plainStyle): string {
  const { bold, dim, red, yellow } = style;
  const shown = result.dir === "." ? "" : `${result.dir}/`;
  const lines = [
    `${bold("Imported")} ${result.subjects.length} subject${result.subjects.length === 1 ? "" : "s"} from ${result.registry} into ${result.dir}:`,
  ];
  for (const subject of result.subjects) {
    const versions = subject.versions.map((entry) => `v${entry.version}`).join(", ");
    const level = subject.compatibility ? ` (${subject.compatibility})` : "";
    lines.push(`  ${subject.subject}: ${versions}${level}`);
    if (subject.renumbered) {
      const mapping = subject.versions
        .map((entry) => `registry ${entry.registryVersion} → v${entry.version}`)
        .join(", ");
      lines.push(`    ${yellow("renumbered")}: the registry's versions have gaps (${mapping})`);
    }
  }
  for (const entry of result.skipped) lines.push(`  ${dim("skipped")} ${entry.subject}: ${entry.reason}`);
  for (const entry of result.refused) lines.push(`  ${red("refused")} ${entry.subject}: ${entry.reason}`);
  lines.push(
    `${result.written.length} file${result.written.length === 1 ? "" : "s"} written, ${result.unchanged.length} already there.`,
  );
  for (const path of result.written) lines.push(`  ${shown}${path}`);
  return lines.join("\n");
}
