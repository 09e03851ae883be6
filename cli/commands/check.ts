import { Flags } from "@oclif/core";
import type { GateReport } from "../../contracts/gate/index.js";
import { BaseCommand } from "../base-command.js";
import { catalogFlag } from "../flags.js";
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
compatibility endpoint when it has one), and gates on the consumers the registry knows too.

With consumerGate: true (accord.yaml or subject.yaml), every new version is also checked against \
what each declared consumer reads (consumer-broken, naming the consumer, the read path and an \
example event); mode breaks that no declared consumer reads are then warnings.

Exceptions in accord.yaml acknowledge findings; an expired or unused exception is reported.

Exit codes: 0 passed, 1 findings, 2 usage, configuration or git error, 3 internal error.`;

  static override examples = [
    "<%= config.bin %> <%= command.id %> --against main",
    "<%= config.bin %> <%= command.id %> --against origin/main --format github-actions",
    "<%= config.bin %> <%= command.id %> --catalog contracts --format sarif > accord.sarif",
    "<%= config.bin %> <%= command.id %> --registry http://localhost:8081",
  ];

  static override flags = {
    catalog: catalogFlag,
    against: Flags.string({ description: "Git ref of the base to compare with (branch, tag or commit)." }),
    registry: Flags.string({ description: "Also test the newest versions against this registry URL." }),
    format: Flags.option({ description: "Output format.", options: FINDING_FORMATS, default: "text" })(),
    "allow-undetermined": Flags.boolean({
      description: "Report spots the engine could not decide as warnings instead of errors.",
    }),
  };

  async run(): Promise<CheckResult> {
    const { flags } = await this.parse(Check);
    const [{ checkCatalog }, { progressOnStderr }, { renderCheck }] = await Promise.all([
      import("../check/run.js"),
      import("../progress.js"),
      import("../format/findings-report.js"),
    ]);
    const progress = progressOnStderr("accord check: versions");
    const { report, base } = await checkCatalog({
      dir: flags.catalog,
      ...(flags.against !== undefined ? { against: flags.against } : {}),
      ...(flags.registry !== undefined ? { registry: flags.registry } : {}),
      allowUndetermined: flags["allow-undetermined"],
      today: new Date().toISOString().slice(0, 10),
      warn: (message) => this.warnLine(message),
      onProgress: (done, total) => progress.update(done, total),
    });
    progress.done();
    const against =
      base && flags.against
        ? { ref: flags.against, resolved: base.resolved, commit: base.commit }
        : undefined;
    const result: CheckResult = against ? { ...report, against } : report;
    await this.logReport(() =>
      renderCheck(result, {
        format: flags.format,
        dir: flags.catalog,
        style: this.style,
        version: this.config.version,
      }),
    );
    if (!report.passed) this.exitWithFindings();
    return result;
  }
}
