import { Flags } from "@oclif/core";
import type { GateReport } from "../../contracts/gate/index.js";
import { BaseCommand } from "../base-command.js";
import { FINDING_FORMATS } from "../format/findings-output.js";

/** Under `--json` (or `--format json`): the gate's report, plus the base it compared with. */
export type CheckResult = GateReport & {
  readonly against?: { readonly ref: string; readonly resolved: string; readonly commit: string };
};

export default class Check extends BaseCommand<CheckResult> {
  static override summary =
    "Gate a change to the catalog: immutability of published versions and compatibility.";

  static override description =
    `With --against <ref>, reads the catalog as it is at that git ref (without checking anything \
out) and reports versions that were edited or deleted (published versions are immutable), checks every \
version added since against the earlier versions under its subject's compatibility mode (all earlier \
versions for the _TRANSITIVE modes), with an example event for each break, and lists new subjects. \
Without --against, checks every version of every subject against the versions before it.

With --registry <url>, also tests each subject's newest version against the registry (its own \
compatibility endpoint when it has one).

Exceptions in accord.yaml acknowledge findings; an expired or unused exception is reported.

Exit codes: 0 passed, 1 findings, 2 usage, configuration or git error, 3 internal error.`;

  static override examples = [
    "<%= config.bin %> <%= command.id %> --against main",
    "<%= config.bin %> <%= command.id %> --against origin/main --format github-actions",
    "<%= config.bin %> <%= command.id %> --dir contracts --format sarif > accord.sarif",
    "<%= config.bin %> <%= command.id %> --registry http://localhost:8081",
  ];

  static override flags = {
    dir: Flags.string({ description: "The catalog folder (holding accord.yaml).", default: "." }),
    against: Flags.string({ description: "Git ref of the base to compare with (branch, tag or commit)." }),
    registry: Flags.string({ description: "Also test the newest versions against this registry URL." }),
    format: Flags.option({ description: "Output format.", options: FINDING_FORMATS, default: "text" })(),
    "allow-undetermined": Flags.boolean({
      description: "Report spots the engine could not decide as warnings instead of errors.",
    }),
  };

  async run(): Promise<CheckResult> {
    const { flags } = await this.parse(Check);
    const [io, { runGate }, { registryVerdicts }, { progressOnStderr }, output, text, { checkJunit }] =
      await Promise.all([
        import("../catalog-io.js"),
        import("../../contracts/gate/index.js"),
        import("../registry-check.js"),
        import("../progress.js"),
        import("../format/findings-output.js"),
        import("../format/findings-text.js"),
        import("../format/junit.js"),
      ]);

    const head = await io.loadWorkingCatalog(flags.dir);
    const base = flags.against ? await io.loadBaseCatalog(flags.dir, flags.against, head) : undefined;
    if (base && base.ref.resolved !== flags.against) {
      this.warnLine(`no local ref "${flags.against}"; comparing with ${base.ref.resolved}`);
    }
    if (base && !base.existed)
      this.warnLine(`${flags.against} has no accord.yaml here: every subject counts as new`);
    const registryUrl = flags.registry;
    const registry = registryUrl ? await registryVerdicts(head, registryUrl) : undefined;

    const progress = progressOnStderr("accord check: versions");
    const report = runGate({
      head,
      ...(base ? { base: base.catalog } : {}),
      today: new Date().toISOString().slice(0, 10),
      allowUndetermined: flags["allow-undetermined"],
      ...(registry ? { registry } : {}),
      onProgress: (done, total) => progress.update(done, total),
    });
    progress.done();

    const against =
      base && flags.against
        ? { ref: flags.against, resolved: base.ref.resolved, commit: base.ref.commit }
        : undefined;
    const result: CheckResult = against ? { ...report, against } : report;
    const repositoryPrefix =
      flags.format === "sarif" || flags.format === "github-actions"
        ? await io.repositoryPrefix(flags.dir)
        : "";
    const textOptions = {
      style: this.style,
      pathPrefix: io.cwdPrefix(flags.dir),
      ...(against ? { against } : {}),
    };
    this.log(
      output.renderFindings({
        format: flags.format,
        result,
        findings: report.findings,
        text: () => text.formatCheckText(report, textOptions),
        summary: `accord check: ${report.passed ? "passed" : "failed"} (${report.counts.errors} errors, ${report.counts.warnings} warnings, ${report.counts.acknowledged} acknowledged)`,
        junit: () => checkJunit(report, repositoryPrefix || io.cwdPrefix(flags.dir)),
        repositoryPrefix,
        toolVersion: this.config.version,
        category: "accord/check/",
      }),
    );
    if (!report.passed) this.exitWithFindings();
    return result;
  }
}
