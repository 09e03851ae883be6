import type { RuleListing } from "../../contracts/rules/catalog.js";
import { plainStyle, type Style } from "./style.js";

/**
 * `accord rules` for people: one rule a line, kind, id and summary, then Confluent's name (compat
 * rules) or the severity (gate rules as reported, lint rules when switched on without one).
 */
export function renderRules(rules: readonly RuleListing[], style: Style = plainStyle): string {
  const width = rules.reduce((widest, rule) => Math.max(widest, rule.id.length), 0);
  return rules
    .map((rule) => {
      const extra = rule.confluent
        ? ` (Confluent: ${rule.confluent})`
        : rule.defaultSeverity
          ? ` [${rule.defaultSeverity}]`
          : "";
      return `${rule.kind.padEnd(6)}  ${style.bold(rule.id.padEnd(width))}  ${rule.summary}${extra}`;
    })
    .join("\n");
}
