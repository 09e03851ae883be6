import type { CompatReport, Finding, Undecided } from "../../contracts/compat/types.js";

/**
 * `accord diff --json`: the engine's report with each finding's and spot's rule id under `ruleId`,
 * the name every command's JSON gives it (the engine calls it `rule`).
 */

type WithRuleId<T extends { rule: string }> = { readonly ruleId: T["rule"] } & Omit<T, "rule">;

export type CompatJson = Omit<CompatReport, "findings" | "undetermined"> & {
  readonly findings: readonly WithRuleId<Finding>[];
  readonly undetermined: readonly WithRuleId<Undecided>[];
};

function withRuleId<T extends { rule: string }>({ rule, ...rest }: T): WithRuleId<T> {
  return { ruleId: rule, ...rest };
}

export function compatJson(report: CompatReport): CompatJson {
  return {
    ...report,
    findings: report.findings.map(withRuleId),
    undetermined: report.undetermined.map(withRuleId),
  };
}
