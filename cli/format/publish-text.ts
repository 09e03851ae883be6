import type { PublishResult } from "../publish/run.js";
import { plainStyle, type Style } from "./style.js";

/** `accord publish` for people: a summary line, then one line per subject's level change and per version. */
export function renderPublish(result: PublishResult, style: Style = plainStyle): string {
  const { bold, green, red, dim, yellow } = style;
  const lines: string[] = [];
  const where = (entry: { registrySubject: string; registryVersion?: number; id?: number }) =>
    `${entry.registrySubject} version ${entry.registryVersion ?? "?"}, id ${entry.id ?? "?"}`;
  for (const entry of result.configured) {
    const verb = result.dryRun ? "would set" : "set";
    lines.push(
      `  ${yellow("config")}    ${entry.registrySubject}: ${verb} compatibility ${entry.from ? `${entry.from} → ` : ""}${entry.to}`,
    );
  }
  for (const entry of result.created) {
    lines.push(`  ${green("created")}   ${entry.subject} v${entry.version} → ${where(entry)}`);
  }
  for (const entry of result.planned) {
    lines.push(`  ${green("would add")} ${entry.subject} v${entry.version} → ${entry.registrySubject}`);
  }
  for (const entry of result.existing) {
    lines.push(`  ${dim("existing")}  ${entry.subject} v${entry.version} = ${where(entry)}`);
  }
  for (const entry of result.rejected) {
    lines.push(`  ${red("rejected")}  ${entry.subject} v${entry.version}: ${entry.message}`);
  }
  for (const entry of result.skipped) {
    lines.push(`  ${dim("skipped")}   ${entry.subject} v${entry.version}: ${entry.reason}`);
  }
  const counts = result.dryRun
    ? `${result.planned.length} to register, ${result.existing.length} existing`
    : `${result.created.length} created, ${result.existing.length} existing, ${result.rejected.length} rejected` +
      (result.skipped.length > 0 ? `, ${result.skipped.length} skipped` : "");
  const head = result.dryRun
    ? `${bold("Dry run")} against ${result.registry} (nothing written): ${counts}.`
    : `${bold("Published")} to ${result.registry}: ${counts}.`;
  return [head, ...lines].join("\n");
}
