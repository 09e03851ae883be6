import { Flags } from "@oclif/core";
import type { RuleListing } from "../../contracts/rules/catalog.js";
import { BaseCommand } from "../base-command.js";
import { renderRules } from "../format/rules-text.js";

export interface RulesResult {
  readonly rules: readonly RuleListing[];
}

export default class Rules extends BaseCommand<RulesResult> {
  static override summary =
    "List the compatibility, gate and lint rules Accord reports, with their stable ids.";

  static override description =
    `Compatibility rule ids name a change between two versions (a finding of diff, check and the \
registry); gate rule ids name a finding of accord check itself (an edited version, a broken consumer); \
lint rule ids name a governance rule (accord lint). Exceptions in accord.yaml name these ids.`;

  static override examples = [
    "<%= config.bin %> <%= command.id %>",
    "<%= config.bin %> <%= command.id %> --kind compat --json",
  ];

  static override flags = {
    kind: Flags.option({
      description: "Only this kind of rule.",
      options: ["compat", "gate", "lint"] as const,
    })(),
  };

  async run(): Promise<RulesResult> {
    const { flags } = await this.parse(Rules);
    const { listRules } = await import("../../contracts/rules/catalog.js");
    const rules = listRules(flags.kind);
    await this.logReport(() => renderRules(rules, this.style));
    return { rules };
  }
}
