import { Args } from "@oclif/core";
import { BaseCommand } from "../base-command.js";
import { catalogFlag } from "../flags.js";

export interface NewVersionResult {
  readonly subject: string;
  readonly version: number;
  /** The new file and the one it was copied from, relative to the catalog folder. */
  readonly file: string;
  readonly copiedFrom: string;
}

export default class NewVersion extends BaseCommand<NewVersionResult> {
  static override summary = "Start the next version of a subject by copying its newest version.";

  static override description =
    `Copies schemas/<subject>/v<N>.json (or .yaml) to v<N+1> with the same extension, ready to \
edit. Published versions stay untouched: edit the new file, then run accord check.`;

  static override examples = ["<%= config.bin %> <%= command.id %> order-placed"];

  static override args = {
    subject: Args.string({ description: "Subject (folder name under schemas/).", required: true }),
  };

  static override flags = {
    catalog: catalogFlag,
  };

  async run(): Promise<NewVersionResult> {
    const { args, flags } = await this.parse(NewVersion);
    const [io, { accordError, AccordFailure }] = await Promise.all([
      import("../catalog-io.js"),
      import("../../contracts/errors.js"),
    ]);
    const catalog = await io.loadWorkingCatalog(flags.catalog);
    const subject = catalog.subjects.find((candidate) => candidate.name === args.subject);
    if (!subject) {
      const names = catalog.subjects.map((candidate) => candidate.name).join(", ") || "none";
      throw new AccordFailure(accordError("ACCORD_ERR_CATALOG_SUBJECT_NOT_FOUND", [args.subject, names]));
    }
    const newest = subject.versions[subject.versions.length - 1];
    if (!newest) throw new Error(`subject ${subject.name} has no versions`);
    const version = newest.version + 1;
    const file = newest.file.replace(/v[0-9]+(\.[a-z]+)$/, `v${version}$1`);
    await io.writeNewFiles(flags.catalog, [{ path: file, content: newest.text }]);
    this.log(`Created ${file} from ${newest.file}. Edit it, then run: accord check`);
    return { subject: subject.name, version, file, copiedFrom: newest.file };
  }
}
