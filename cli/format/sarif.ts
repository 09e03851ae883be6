import type { CatalogFinding } from "../../contracts/catalog/findings.js";
import { COMPAT_RULES } from "../../contracts/compat/rules.js";
import { GATE_RULES } from "../../contracts/gate/rules.js";
import { LINT_RULES } from "../../contracts/lint/rules/index.js";
import { exampleLines, seenInLine } from "./finding-details.js";
import { displayPath } from "./finding-paths.js";

/**
 * SARIF 2.1.0 (OASIS), the format GitHub code scanning uploads. What GitHub needs beyond the
 * standard's required fields: a `ruleId` per result that the driver's `rules` describe, a physical
 * location with a repository-relative URI and a start line, and `partialFingerprints` so an alert
 * keeps its identity from one run to the next.
 */

const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

export interface SarifOptions {
  /** Prepended to catalog-relative paths: the catalog folder relative to the repository root. */
  readonly pathPrefix: string;
  readonly toolVersion: string;
  /** Distinguishes runs in code scanning (`accord/check/`, `accord/lint/`). */
  readonly category: string;
}

interface RuleText {
  readonly summary: string;
  readonly help?: string;
}

function ruleText(ruleId: string): RuleText {
  const lint = LINT_RULES.find((rule) => rule.id === ruleId);
  if (lint) return { summary: lint.summary, help: lint.rationale };
  if (Object.hasOwn(COMPAT_RULES, ruleId))
    return { summary: COMPAT_RULES[ruleId as keyof typeof COMPAT_RULES].summary };
  if (Object.hasOwn(GATE_RULES, ruleId))
    return { summary: GATE_RULES[ruleId as keyof typeof GATE_RULES].summary };
  return { summary: ruleId };
}

function level(finding: CatalogFinding): "error" | "warning" | "note" {
  return finding.severity === "info" ? "note" : finding.severity;
}

function messageText(finding: CatalogFinding): string {
  const lines = [finding.message];
  const seen = seenInLine(finding);
  if (seen !== undefined) lines.push(seen);
  for (const line of exampleLines(finding)) lines.push(line);
  return lines.join("\n");
}

export function toSarif(findings: readonly CatalogFinding[], options: SarifOptions): Record<string, unknown> {
  const ruleIds = [...new Set(findings.map((finding) => finding.ruleId))].sort();
  const ruleIndex = new Map(ruleIds.map((id, index) => [id, index]));
  const rules = ruleIds.map((id) => {
    const text = ruleText(id);
    return {
      id,
      name: id
        .split("-")
        .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
        .join(""),
      shortDescription: { text: text.summary },
      fullDescription: { text: text.help ? `${text.summary} ${text.help}` : text.summary },
      help: { text: text.help ?? text.summary },
    };
  });

  const results = findings.map((finding) => {
    const region: Record<string, number> = { startLine: finding.line ?? 1 };
    if (finding.column !== undefined) region.startColumn = finding.column;
    return {
      ruleId: finding.ruleId,
      ruleIndex: ruleIndex.get(finding.ruleId) as number,
      level: level(finding),
      message: { text: messageText(finding) },
      locations: [
        {
          physicalLocation: {
            artifactLocation: {
              // Findings always name a file in practice; accord.yaml stands in should one not.
              uri: encodeURI(displayPath(finding.file ?? "accord.yaml", options.pathPrefix)),
              uriBaseId: "%SRCROOT%",
            },
            region,
          },
        },
      ],
      partialFingerprints: { "accordFindingHash/v1": finding.fingerprint },
      properties: {
        ...(finding.subject !== undefined ? { subject: finding.subject } : {}),
        ...(finding.version !== undefined ? { version: finding.version } : {}),
        ...(finding.pointer !== undefined ? { pointer: finding.pointer } : {}),
        // The whole example is in --format json; here the message has the excerpt around `at`.
        ...(finding.at !== undefined ? { at: finding.at } : {}),
        ...(finding.seenIn !== undefined ? { seenIn: finding.seenIn } : {}),
      },
      ...(finding.acknowledged
        ? {
            suppressions: [
              { kind: "external", status: "accepted", justification: finding.acknowledged.reason },
            ],
          }
        : {}),
    };
  });

  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "accord",
            version: options.toolVersion,
            semanticVersion: options.toolVersion,
            rules,
          },
        },
        automationDetails: { id: options.category },
        columnKind: "utf16CodeUnits",
        results,
      },
    ],
  };
}
