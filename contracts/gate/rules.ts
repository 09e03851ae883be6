import type { FindingSeverity } from "../catalog/findings.js";

/**
 * Findings the gate raises itself (beside the compatibility engine's, whose ids live in
 * contracts/compat/rules.ts). Ids are stable: exceptions and CI annotations name them.
 */
export interface GateRuleSpec {
  readonly severity: FindingSeverity;
  /** One capitalised sentence ending in a period. */
  readonly summary: string;
}

export const GATE_RULES = {
  "version-edited": {
    severity: "error",
    summary: "A version file that exists at the base ref has different content now.",
  },
  "version-removed": {
    severity: "error",
    summary: "A version file that exists at the base ref was deleted.",
  },
  "subject-removed": {
    severity: "error",
    summary: "A subject that exists at the base ref was deleted with all its versions.",
  },
  "subject-added": {
    severity: "info",
    summary: "A subject that does not exist at the base ref was added.",
  },
  "exception-expired": {
    severity: "warning",
    summary: "An exception in accord.yaml is past its expiry date and no longer acknowledges anything.",
  },
  "exception-unused": {
    severity: "warning",
    summary: "An exception in accord.yaml matches no finding of the versions it names.",
  },
  "consumer-broken": {
    severity: "error",
    summary:
      "A version (or a changed consumer declaration) lets through an event a declared consumer's reads reject; the finding names the consumer, the read path and the event.",
  },
  "consumer-undetermined": {
    severity: "error",
    summary:
      "Whether a version breaks a declared consumer's reads could not be decided (a warning with --allow-undetermined).",
  },
  "registry-incompatible": {
    severity: "error",
    summary: "The registry says the newest local version is incompatible with what it holds.",
  },
} as const satisfies Record<string, GateRuleSpec>;

export type GateRuleId = keyof typeof GATE_RULES;
