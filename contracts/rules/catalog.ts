/**
 * Every rule Accord can report, compatibility, gate and lint, as one listing: what `accord rules`
 * prints and the README's rule tables are checked against.
 */
import { COMPAT_RULES, type CompatRuleId, type CompatRuleSpec } from "../compat/rules.js";
import { GATE_RULES, type GateRuleId } from "../gate/rules.js";
import { LINT_RULES } from "../lint/index.js";

export type RuleKind = "compat" | "gate" | "lint";

export interface RuleListing {
  readonly id: string;
  readonly kind: RuleKind;
  readonly category: string;
  readonly summary: string;
  /** Confluent's name for the same change (compat rules), so migrating users find it. */
  readonly confluent?: string;
  /** The keyword family whose checker reports it (compat rules). */
  readonly family?: string;
  /** The direction whose break it names: backward, forward or both (compat rules). */
  readonly direction?: string;
  /** Severity when switched on without one (lint rules), or as reported (gate rules). */
  readonly defaultSeverity?: string;
}

export function listRules(kind?: RuleKind): RuleListing[] {
  const compat: RuleListing[] = (Object.keys(COMPAT_RULES) as CompatRuleId[]).map((id) => {
    const spec: CompatRuleSpec = COMPAT_RULES[id];
    return {
      id,
      kind: "compat",
      category: spec.category,
      summary: spec.summary,
      ...(spec.confluent ? { confluent: spec.confluent } : {}),
      family: spec.family,
      direction: spec.direction,
    };
  });
  const lint: RuleListing[] = LINT_RULES.map((rule) => ({
    id: rule.id,
    kind: "lint",
    category: rule.category,
    summary: rule.summary,
    defaultSeverity: rule.defaultSeverity,
  }));
  const gate: RuleListing[] = (Object.keys(GATE_RULES) as GateRuleId[]).map((id) => ({
    id,
    kind: "gate",
    category: "GATE",
    summary: GATE_RULES[id].summary,
    defaultSeverity: GATE_RULES[id].severity,
  }));
  const byKind = { compat, gate, lint };
  const all = kind ? byKind[kind] : [...compat, ...gate, ...lint];
  return all.sort((a, b) => a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id));
}
