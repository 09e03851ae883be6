import type { CompatReport } from "../contracts/compat/types.js";

const MAX_EXAMPLE_CHARS = 300;
const MAX_MESSAGES = 20;

/**
 * One line per finding: rule id, where, what changed, and the example event that proves it, so a
 * producer team can see from the 409 alone which event would have broken a consumer.
 * `versions[i]` is the subject version that `against = i + 1` refers to.
 */
export function compatMessages(report: CompatReport, versions: readonly number[]): string[] {
  const lines: string[] = [];
  for (const finding of report.findings) {
    const where = finding.newPath || finding.oldPath;
    const example = truncate(JSON.stringify(finding.example) ?? "null");
    lines.push(
      `[${finding.rule}] ${where}: ${finding.message} (${finding.direction}${against(finding.against, versions)}; example event: ${example})`,
    );
  }
  for (const spot of report.undetermined) {
    const where = spot.newPath || spot.oldPath;
    lines.push(
      `[${spot.rule}] ${where}: ${spot.message} (${spot.direction}${against(spot.against, versions)}; undetermined: no proof either way)`,
    );
  }
  if (lines.length === 0 && report.verdict !== "compatible")
    lines.push(`verdict ${report.verdict} without details`);
  if (lines.length > MAX_MESSAGES) {
    const rest = lines.length - MAX_MESSAGES;
    return [...lines.slice(0, MAX_MESSAGES), `… and ${rest} more`];
  }
  return lines;
}

function against(index: number | undefined, versions: readonly number[]): string {
  if (index === undefined) return "";
  const version = versions[index - 1];
  return version === undefined ? "" : `, against version ${version}`;
}

function truncate(text: string): string {
  return text.length > MAX_EXAMPLE_CHARS ? `${text.slice(0, MAX_EXAMPLE_CHARS)}…` : text;
}
