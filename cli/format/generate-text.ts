import type { GenerateOutcome } from "../generate/run.js";
import { plainStyle, type Style } from "./style.js";

/** `accord generate` for people: what was generated (or, under --check, whether it is up to date), then each changed file. */
export function renderGenerate(outcome: GenerateOutcome, style: Style = plainStyle): string {
  const { bold, dim } = style;
  const what = outcome.subjects
    .map(
      (subject) => `${subject.subject} (v${subject.versions.map((version) => version.version).join(", v")})`,
    )
    .join("; ");
  const lines = outcome.check
    ? [
        outcome.changed.length === 0
          ? `${bold("Up to date:")} ${outcome.out} and ${outcome.lock} match ${outcome.source}.`
          : `${bold(`${outcome.changed.length} file(s) differ`)} from what ${outcome.source} generates; run \`accord generate\` and commit the result:`,
      ]
    : [
        `${bold("Generated")} ${what || "no subjects"} from ${outcome.source} into ${outcome.out} (${outcome.wire} wire format).`,
      ];
  for (const change of outcome.changed) lines.push(`  ${change.status.padEnd(8)} ${change.path}`);
  if (!outcome.check && outcome.changed.length === 0) lines.push(dim("  nothing changed"));
  return lines.join("\n");
}
