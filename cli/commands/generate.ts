import { Flags } from "@oclif/core";
import { MODULE_STYLES, WIRE_FORMATS } from "../../contracts/codegen/types.js";
import { BaseCommand } from "../base-command.js";
import { renderGenerate } from "../format/generate-text.js";
import type { GenerateOutcome } from "../generate/run.js";
import { registryCredentialFlags, useRegistryCredentials } from "../registry-credentials.js";

/** Under `--json`: the source, the subjects and ids generated, and every managed file's status. */
export type GenerateResult = GenerateOutcome;

export default class Generate extends BaseCommand<GenerateResult> {
  static override summary =
    "Generate TypeScript types, precompiled validators and Confluent-framed encoders/decoders for event contracts.";

  static override description =
    `Runs in a consuming repository. Reads the \`generate:\` section of its accord.yaml (flags override it), takes the \
schemas from a catalog folder, a git URL or a registry, and writes per subject: types for every version \
(OrderPlacedV1, OrderPlacedV2, and OrderPlaced for the latest), ajv standalone validators with the ajv helpers and \
formats inlined, guards, encoders and a decoder returning a union discriminated by version. The generated code has no \
run-time dependency. accord.lock records each version's schema id and fingerprint; producers frame with the pinned id \
and never register.

Schema ids: from the registry when it is the source. From a catalog: accord.lock when it pins an id to the same schema, \
else a lookup (never a registration) in the registry named by --registry, generate.registry or the catalog's \
registry.url. --wire json needs no ids.

With generate.reads (what this repository reads of each subject), also writes <subject>/reads.ts: projection \
types showing only the declared fields, and decode<Subject>Reads returning them, so reading an undeclared field \
does not compile.

--check writes nothing and exits 1 when any generated file or accord.lock differs from what would be generated.

Exit codes: 0 written or up to date, 1 drift under --check, 2 usage or input error (nothing written), 3 internal error.`;

  static override examples = [
    "<%= config.bin %> <%= command.id %>",
    "<%= config.bin %> <%= command.id %> --catalog ../contracts --subject 'order-*' --out src/events",
    "<%= config.bin %> <%= command.id %> --registry http://localhost:8081 --wire confluent",
    "<%= config.bin %> <%= command.id %> --check",
  ];

  static override flags = {
    config: Flags.string({
      description: "accord.yaml with the generate: section (default: ./accord.yaml if present).",
    }),
    catalog: Flags.string({
      description: "Catalog folder to read the schemas from. Alias: --dir.",
      aliases: ["dir"],
      exclusive: ["git"],
    }),
    git: Flags.string({
      description: "Git URL of a repository holding the catalog.",
      exclusive: ["catalog"],
    }),
    ref: Flags.string({ description: "Git ref (branch, tag, commit) to read the catalog at." }),
    "git-path": Flags.string({
      description: "Catalog folder inside the --git repository.",
      dependsOn: ["git"],
    }),
    registry: Flags.string({
      description: "Registry URL: the source when no catalog is named, else where schema ids are looked up.",
    }),
    subject: Flags.string({ description: "Subject pattern (* and ?); repeatable.", multiple: true }),
    out: Flags.string({ description: "Output folder (default src/generated/accord)." }),
    wire: Flags.option({ description: "Wire format of encoded events.", options: WIRE_FORMATS })(),
    module: Flags.option({ description: "Module style of the generated files.", options: MODULE_STYLES })(),
    check: Flags.boolean({ description: "Write nothing; exit 1 and list the files that would change." }),
    ...registryCredentialFlags,
  };

  async run(): Promise<GenerateResult> {
    const { flags } = await this.parse(Generate);
    useRegistryCredentials(flags);
    const { runGenerate } = await import("../generate/run.js");
    const outcome = await runGenerate({
      cwd: process.cwd(),
      check: flags.check === true,
      ...definedOnly({
        config: flags.config,
        catalog: flags.catalog,
        git: flags.git,
        ref: flags.ref,
        gitPath: flags["git-path"],
        registry: flags.registry,
        subjects: flags.subject,
        out: flags.out,
        wire: flags.wire,
        module: flags.module,
      }),
    });
    await this.logReport(() => renderGenerate(outcome, this.style));
    if (outcome.check && outcome.changed.length > 0) this.exitWithFindings();
    return outcome;
  }
}

function definedOnly<T extends Record<string, unknown>>(
  value: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
