import { Args } from "@oclif/core";
import type { ImpactReport } from "../../contracts/consumers/impact.js";
import { BaseCommand } from "../base-command.js";
import { catalogFlag } from "../flags.js";

export type ImpactResult = ImpactReport;

export default class Impact extends BaseCommand<ImpactResult> {
  static override summary = "Show which declared consumers a candidate version of a subject would break.";

  static override description =
    `Before anything is committed: judges a candidate schema as the subject's next version against \
every consumer declared in its subject.yaml. A consumer with reads (or its own schema) is judged on \
what it reads, with the example event that breaks it; a consumer declared by name only reads \
everything, so the subject's compatibility mode judges it.

Exit codes: 0 no consumer breaks, 1 some consumer breaks (or could not be decided), 2 usage or input error.`;

  static override examples = [
    "<%= config.bin %> <%= command.id %> order-placed draft/order-placed.json",
    "<%= config.bin %> <%= command.id %> order-placed v3.json --catalog contracts --json",
  ];

  static override args = {
    subject: Args.string({ description: "Subject (folder name under schemas/).", required: true }),
    schema: Args.string({ description: "The candidate schema file (JSON or YAML).", required: true }),
  };

  static override flags = {
    catalog: catalogFlag,
  };

  async run(): Promise<ImpactResult> {
    const { args, flags } = await this.parse(Impact);
    const [io, { readSchemaFile }, { impactOf }, { accordError, AccordFailure }, { renderImpact }] =
      await Promise.all([
        import("../catalog-io.js"),
        import("../io.js"),
        import("../../contracts/consumers/impact.js"),
        import("../../contracts/errors.js"),
        import("../format/impact-text.js"),
      ]);
    const catalog = await io.loadWorkingCatalog(flags.catalog);
    const subject = catalog.subjects.find((candidate) => candidate.name === args.subject);
    if (!subject) {
      const names = catalog.subjects.map((candidate) => candidate.name).join(", ") || "none";
      throw new AccordFailure(accordError("ACCORD_ERR_CATALOG_SUBJECT_NOT_FOUND", [args.subject, names]));
    }
    const candidate = await readSchemaFile(args.schema, { defaultDraft: catalog.config.defaultDraft });
    const report = impactOf(subject, candidate, catalog.config);
    await this.logReport(() => renderImpact(report, args.schema, this.style));
    if (report.consumers.some((consumer) => !consumer.safe)) this.exitWithFindings();
    return report;
  }
}
