import type { ImpactConsumer, ImpactFinding, ImpactReport } from "../../contracts/consumers/impact.js";
import { breakingInstancePath } from "../../contracts/gate/instance-path.js";
import { breakingSpot } from "./example-excerpt.js";
import { plainStyle, type Style } from "./style.js";

/**
 * `accord impact` for people: one line per consumer (safe or broken, what it reads), then each
 * break with the read path, the engine's message and an excerpt of the example event.
 */

const INDENT = "      ";

export function renderImpact(report: ImpactReport, candidate: string, style: Style = plainStyle): string {
  const lines = [
    `${style.bold(report.subject)}: ${candidate} as v${report.version}, against ${count(report.consumers.length, "declared consumer")}`,
  ];
  const width = report.consumers.reduce((widest, consumer) => Math.max(widest, consumer.name.length), 0);
  for (const consumer of report.consumers) {
    const verdict = consumer.safe ? style.green("safe  ") : style.red("BREAKS");
    lines.push(`  ${verdict}  ${style.bold(consumer.name.padEnd(width))}  ${readsText(consumer)}`);
    for (const finding of consumer.findings)
      for (const line of findingLines(consumer, finding, style)) lines.push(line);
  }
  const broken = report.consumers.filter((consumer) => !consumer.safe).length;
  lines.push(
    "",
    broken === 0
      ? style.green(`No declared consumer breaks.`)
      : style.red(`${count(broken, "consumer")} of ${report.consumers.length} broken.`),
  );
  return lines.join("\n");
}

function readsText(consumer: ImpactConsumer): string {
  if (consumer.reads === "everything") return `reads everything (judged by ${consumer.mode})`;
  const what = Array.isArray(consumer.reads)
    ? `reads ${consumer.reads.join(", ")}`
    : `reads with ${(consumer.reads as { schema: string }).schema}`;
  return `${what} (built against v${consumer.version})`;
}

function findingLines(consumer: ImpactConsumer, finding: ImpactFinding, style: Style): string[] {
  const head = `${finding.path !== undefined ? `${finding.path}: ` : ""}${finding.undetermined ? "undetermined " : ""}${finding.ruleId}`;
  const lines = [`    ${style.bold(head)}`, `${INDENT}${finding.message}`];
  if (finding.example === undefined) return lines;
  const spot = breakingSpot(finding.example, breakingInstancePath(finding, finding.example));
  lines.push(
    `${INDENT}Breaks at ${spot.at === "" ? "the event itself" : spot.at}: ${spot.value}`,
    `${INDENT}Example event (excerpt; --json has it whole), accepted by the candidate and rejected by ${consumer.name}:`,
  );
  for (const line of spot.excerpt) lines.push(`${INDENT}  ${style.cyan(line)}`);
  return lines;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
