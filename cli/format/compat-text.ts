import type {
  CompatibilityMode,
  CompatReport,
  Direction,
  Finding,
  Undecided,
} from "../../contracts/compat/types.js";
import { breakingInstancePath } from "../../contracts/gate/instance-path.js";
import { breakingSpot } from "../../contracts/schema/excerpt.js";
import { plainStyle, type Style } from "./style.js";

export interface CompatTextOptions {
  readonly style?: Style;
  /** Labels for the two schemas (file paths, `subject v3`); shown under the headline. */
  readonly oldSource?: string;
  readonly newSource?: string;
  /** Which side had no `$schema`, when the caller knows; the report alone only says "some side". */
  readonly oldDraftAssumed?: boolean;
  readonly newDraftAssumed?: boolean;
}

const INDENT = "   ";

/**
 * Renders a compatibility report for a person reading a CI log: verdict first, then what the
 * verdict assumed, then each proven break with the event that proves it, then what stayed open.
 */
export function formatCompatReport(report: CompatReport, options: CompatTextOptions = {}): string {
  const style = options.style ?? plainStyle;
  const lines: string[] = [headline(report, style), `${INDENT}${modeMeaning(report.mode)}`];
  if (options.oldSource !== undefined || options.newSource !== undefined) {
    lines.push(`${INDENT}old: ${options.oldSource ?? "?"}`, `${INDENT}new: ${options.newSource ?? "?"}`);
  }

  lines.push("", style.bold("Assumptions"));
  for (const line of assumptionLines(report, options)) lines.push(`  - ${line}`);

  if (report.findings.length > 0) {
    lines.push("", style.bold(`Breaking changes (${report.findings.length})`));
    report.findings.forEach((finding, index) => {
      lines.push("");
      for (const line of findingLines(finding, index + 1, style)) lines.push(line);
    });
  }

  if (report.undetermined.length > 0) {
    lines.push(
      "",
      style.bold(`Undetermined (${report.undetermined.length})`),
      `${INDENT}Accord could neither prove these compatible nor build an event that breaks them:`,
    );
    report.undetermined.forEach((spot, index) => {
      lines.push("");
      for (const line of undecidedLines(spot, index + 1, style)) lines.push(line);
    });
  }

  return lines.join("\n");
}

function headline(report: CompatReport, style: Style): string {
  const breaks = report.findings.length;
  const open = report.undetermined.length;
  switch (report.verdict) {
    case "compatible":
      return `${style.bold(style.green("COMPATIBLE"))} under ${report.mode}`;
    case "incompatible":
      return `${style.bold(style.red("INCOMPATIBLE"))} under ${report.mode}: ${plural(breaks, "breaking change")}${
        open > 0 ? `, ${plural(open, "undetermined spot")}` : ""
      }`;
    case "undetermined":
      return `${style.bold(style.yellow("UNDETERMINED"))} under ${report.mode}: ${plural(open, "spot")} could not be decided`;
  }
}

function modeMeaning(mode: CompatibilityMode): string {
  const transitive = mode.endsWith("_TRANSITIVE") ? " (checked against every earlier version)" : "";
  switch (mode) {
    case "NONE":
      return "NONE: no compatibility is required; the check always passes.";
    case "BACKWARD":
    case "BACKWARD_TRANSITIVE":
      return `BACKWARD: consumers on the new schema must read every event valid under the old one${transitive}.`;
    case "FORWARD":
    case "FORWARD_TRANSITIVE":
      return `FORWARD: consumers on the old schema must read every event valid under the new one${transitive}.`;
    case "FULL":
    case "FULL_TRANSITIVE":
      return `FULL: both BACKWARD and FORWARD must hold${transitive}.`;
  }
}

/** How the verdict was reached: keyword-by-keyword comparisons, and string checks on automata. */
function reasoningLine(reasoning: CompatReport["reasoning"]): string {
  const shown = reasoning.automata.slice(0, 5).map((d) => `${d.direction} ${d.newPath} (${d.what})`);
  const more =
    reasoning.automata.length > shown.length ? `, and ${reasoning.automata.length - shown.length} more` : "";
  const automata = shown.length > 0 ? `; on automata: ${shown.join(", ")}${more}` : "";
  return `decided by: ${reasoning.structural} structural comparisons${automata}`;
}

function assumptionLines(report: CompatReport, options: CompatTextOptions): string[] {
  const { assumptions } = report;
  const lines: string[] = [];
  const oldDraft = assumptions.oldDraft ?? "unknown";
  const newDraft = assumptions.newDraft ?? "unknown";
  const sideKnown = options.oldDraftAssumed !== undefined || options.newDraftAssumed !== undefined;
  const mark = (assumed: boolean | undefined) => (assumed ? " (assumed: no $schema)" : "");
  if (sideKnown) {
    lines.push(
      `drafts: old ${oldDraft}${mark(options.oldDraftAssumed)}, new ${newDraft}${mark(options.newDraftAssumed)}`,
    );
  } else {
    lines.push(
      `drafts: old ${oldDraft}, new ${newDraft}${
        assumptions.draftAssumed ? " (assumed for a schema without $schema)" : ""
      }`,
    );
  }
  lines.push(
    assumptions.writersEmitOnlyDeclared
      ? "content model: writers emit only declared properties (an object without additionalProperties counts as closed)"
      : "content model: open (plain JSON Schema: an object without additionalProperties may carry any property; --writers-emit-only-declared assumes otherwise)",
  );
  if (assumptions.annotationKeywords.length > 0)
    lines.push(`annotation keywords (never validate): ${assumptions.annotationKeywords.join(", ")}`);
  lines.push(reasoningLine(report.reasoning));
  return lines;
}

function findingLines(finding: Finding, number: number, style: Style): string[] {
  const spot = breakingSpot(finding.example, breakingInstancePath(finding, finding.example));
  const lines = [
    `${number}. ${style.bold(style.red(finding.rule))}  ${directionLabel(finding.direction)}${against(finding.against)}`,
    ...whereLines(finding),
    `${INDENT}${finding.message}`,
    `${INDENT}${style.bold(`Breaks at ${spot.at === "" ? "the event itself" : spot.at}: ${spot.value}`)}`,
    `${INDENT}${exampleCaption(finding.direction)}`,
  ];
  for (const line of spot.excerpt) lines.push(`${INDENT}  ${style.cyan(line)}`);
  return lines;
}

function undecidedLines(spot: Undecided, number: number, style: Style): string[] {
  return [
    `${number}. ${style.bold(style.yellow(spot.rule))}  ${directionLabel(spot.direction)}${against(spot.against)}`,
    ...whereLines(spot),
    `${INDENT}${spot.message}`,
  ];
}

function whereLines(item: { oldPath: string; newPath: string }): string[] {
  return [`${INDENT}old: ${item.oldPath}`, `${INDENT}new: ${item.newPath}`];
}

function directionLabel(direction: Direction): string {
  return direction === "backward"
    ? "[backward: new schema reading old events]"
    : "[forward: old schema reading new events]";
}

function exampleCaption(direction: Direction): string {
  return direction === "backward"
    ? "Example event (excerpt; --json has it whole), valid under the old schema and rejected by the new one:"
    : "Example event (excerpt; --json has it whole), valid under the new schema and rejected by the old one:";
}

function against(version: number | undefined): string {
  return version === undefined ? "" : ` (against earlier version ${version})`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
