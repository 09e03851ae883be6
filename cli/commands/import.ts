import { Args, Flags } from "@oclif/core";
import { BaseCommand } from "../base-command.js";
import { renderImport } from "../format/import-text.js";
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
    await this.logReport(() => renderImport(result, this.style));
    if (result.refused.length > 0) this.exitWithFindings();
    return result;
  }
}
