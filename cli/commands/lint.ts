import { Flags } from "@oclif/core";
import type { LintResult as CoreLintResult } from "../../contracts/lint/index.js";
import { BaseCommand } from "../base-command.js";
import { catalogFlag } from "../flags.js";
import { FINDING_FORMATS } from "../format/findings-output.js";

/** Under `--json` (or `--format json`): the linter's result, plus the base it compared with. */
export type LintResult = CoreLintResult & {
  readonly passed: boolean;
  readonly against?: { readonly ref: string; readonly resolved: string; readonly commit: string };
};

export default class Lint extends BaseCommand<LintResult> {
  static override summary = "Check the catalog against its governance rules.";

  static override description =
    `Runs the lint rules accord.yaml switches on (preset minimal, standard or strict, adjusted \
per rule) over every subject: naming, descriptions, envelope fields, open or closed objects, valid \
examples, owners, contiguous versions, deprecations with a replacement. With --against <ref>, also \
reports published version files that were edited or deleted since that git ref.

Exit codes: 0 no errors (warnings alone pass), 1 lint errors, 2 usage, configuration or input error, 3 internal error.`;

  static override examples = [
    "<%= config.bin %> <%= command.id %>",
    "<%= config.bin %> <%= command.id %> --against main --format github-actions",
  ];

  static override flags = {
    catalog: catalogFlag,
    against: Flags.string({ description: "Git ref to compare with, for rules about published versions." }),
    format: Flags.option({ description: "Output format.", options: FINDING_FORMATS, default: "text" })(),
  };

  async run(): Promise<LintResult> {
    const { flags } = await this.parse(Lint);
    const [io, { runLint }, { unwrap }, { renderLint }] = await Promise.all([
      import("../catalog-io.js"),
      import("../../contracts/lint/index.js"),
      import("../../contracts/errors.js"),
      import("../format/findings-report.js"),
    ]);
    const catalog = await io.loadWorkingCatalog(flags.catalog);
    const base = flags.against ? await io.loadBaseCatalog(flags.catalog, flags.against, catalog) : undefined;
    if (base && base.ref.resolved !== flags.against) {
      this.warnLine(`no local ref "${flags.against}"; comparing with ${base.ref.resolved}`);
    }
    const lint = unwrap(runLint(catalog, base ? { base: base.catalog } : {}));
    const against =
      base && flags.against
        ? { ref: flags.against, resolved: base.ref.resolved, commit: base.ref.commit }
        : undefined;
    const result: LintResult = { ...lint, passed: lint.counts.errors === 0, ...(against ? { against } : {}) };
    const subjects = catalog.subjects.map((subject) => subject.name);
    const options = {
      format: flags.format,
      dir: flags.catalog,
      style: this.style,
      version: this.config.version,
    };
    await this.logReport(() => renderLint({ result, subjects, ...(against ? { against } : {}) }, options));
    if (!result.passed) this.exitWithFindings();
    return result;
  }
}
