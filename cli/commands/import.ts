import { Args, Flags } from "@oclif/core";
import { BaseCommand } from "../base-command.js";
import type { ImportResult } from "../import/run.js";

export default class Import extends BaseCommand<ImportResult> {
  static override summary = "Write a registry's JSON Schema subjects into a catalog folder.";

  static override description =
    `For each subject of the registry (or those matching --subject), writes every live version as \
schemas/<subject>/v<N>.json (pretty-printed; renumbered 1..n in registry order when the registry's \
version numbers have gaps), subject.yaml when the subject has its own compatibility level, and \
accord.yaml (the registry's global level, registry.url) when DIR has none. Subjects with other schema \
types or with schema references are skipped with a warning; names that cannot be folder names \
(/, .., control characters) are refused.

Nothing is half-written: files are staged and moved into place at the end. An existing version file \
with the same schema is left as it is; one with a different schema stops the import (exit 2).

Exit codes: 0 imported, 1 a subject was refused, 2 usage, connection or write error, 3 internal error.`;

  static override examples = [
    "<%= config.bin %> <%= command.id %> --registry http://localhost:8081 contracts",
    "<%= config.bin %> <%= command.id %> --registry http://localhost:8081 --subject 'orders-*' --json",
  ];

  static override args = {
    dir: Args.string({ description: "Catalog folder to write into (created if needed).", default: "." }),
  };

  static override flags = {
    registry: Flags.string({ description: "Registry URL to import from.", required: true }),
    subject: Flags.string({ description: "Subject pattern (* and ?); repeatable.", multiple: true }),
  };

  async run(): Promise<ImportResult> {
    const { args, flags } = await this.parse(Import);
    const { importRegistry } = await import("../import/run.js");
    const result = await importRegistry({
      registry: flags.registry,
      dir: args.dir,
      ...(flags.subject === undefined ? {} : { subjects: flags.subject }),
      warn: (message) => this.warnLine(message),
    });
    this.log(this.report(result));
    if (result.refused.length > 0) this.exitWithFindings();
    return result;
  }

  private report(result: ImportResult): string {
    const { bold, dim, red, yellow } = this.style;
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
}
