import type { ValidateFunction } from "ajv";
import { accordConfigSchema } from "../catalog/config-schema.js";
import {
  type CatalogFinding,
  compareFindings,
  countFindings,
  type FindingCounts,
  findingFingerprint,
} from "../catalog/findings.js";
import { changesSince } from "../catalog/history.js";
import type { Catalog, Locator, Severity } from "../catalog/types.js";
import { checkSettings, compileSettingsSchema } from "../catalog/validate.js";
import { fail, ok, type Result } from "../errors.js";
import { errorAtPosition } from "../schema/located.js";
import { joinPointer } from "../schema/pointer.js";
import type { Json } from "../schema/types.js";
import { PRESETS } from "./presets.js";
import { LINT_RULES } from "./rules/index.js";
import type { AnyLintRule, LintReport } from "./types.js";

export { LINT_RULES } from "./rules/index.js";
export type { AnyLintRule, LintRule } from "./types.js";

export interface LintOptions {
  /** The catalog at the base ref (`--against`); rules that compare with it are skipped without one. */
  readonly base?: Catalog;
}

export interface RuleRun {
  readonly id: string;
  readonly severity: Severity;
}

export interface LintResult {
  /** Sorted by subject, version, position, rule. */
  readonly findings: readonly CatalogFinding[];
  /** Rules that ran, with their severity. */
  readonly rules: readonly RuleRun[];
  /** Rules switched on that could not run, and why. */
  readonly skipped: readonly { readonly id: string; readonly reason: string }[];
  readonly counts: FindingCounts;
  readonly subjects: number;
}

let fullSchema: ValidateFunction | undefined;

/** accord.yaml's schema with every rule: what `schemas/accord.schema.json` holds. */
export function fullConfigSchema(): Record<string, unknown> {
  return accordConfigSchema(LINT_RULES);
}

/**
 * Runs the governance rules over a catalog. Fails (an input error, like any bad accord.yaml) when
 * the lint settings name unknown rules or give a rule options it does not take.
 */
export function runLint(catalog: Catalog, options: LintOptions = {}): Result<LintResult> {
  const settingsProblem = checkLintSettings(catalog);
  if (settingsProblem) return fail(settingsProblem);

  const { config } = catalog;
  const preset = PRESETS[config.version][config.lint.preset];
  const base = options.base
    ? { catalog: options.base, changes: changesSince(options.base, catalog) }
    : undefined;
  const findings: CatalogFinding[] = [];
  const rules: RuleRun[] = [];
  const skipped: { id: string; reason: string }[] = [];

  for (const rule of LINT_RULES) {
    const setting = config.lint.rules[rule.id];
    // Configuring a rule (options or ignores without a severity) switches it on at its own default.
    const severity = setting?.severity ?? preset[rule.id] ?? (setting ? rule.defaultSeverity : "off");
    if (severity === "off") continue;
    if (rule.needsBase && !base) {
      skipped.push({ id: rule.id, reason: "needs a base to compare with (--against <ref>)" });
      continue;
    }
    rules.push({ id: rule.id, severity });
    const ignored = new Set(setting?.ignore ?? []);
    const subjects = catalog.subjects.filter(
      (subject) => !ignored.has(subject.name) && !subject.meta.lintIgnore.includes(rule.id),
    );
    rule.check({
      catalog,
      ...(base ? { base } : {}),
      options: { ...rule.defaults, ...(setting?.options ?? {}) },
      subjects,
      report: (report) => {
        if (ignored.has(report.subject)) return;
        findings.push(toFinding(rule, severity, report, catalog, options.base));
      },
    });
  }
  findings.sort(compareFindings);
  return ok({ findings, rules, skipped, counts: countFindings(findings), subjects: catalog.subjects.length });
}

function checkLintSettings(catalog: Catalog) {
  const { config } = catalog;
  fullSchema ??= compileSettingsSchema(fullConfigSchema());
  const problem = checkSettings(
    config.raw as Json,
    config.file,
    config.locate ?? (() => undefined),
    fullSchema,
    "ACCORD_ERR_CATALOG_CONFIG_INVALID",
  );
  if (problem) return problem;
  const known = new Set(LINT_RULES.map((rule) => rule.id));
  for (const subject of catalog.subjects) {
    for (const [index, id] of subject.meta.lintIgnore.entries()) {
      if (known.has(id)) continue;
      const pointer = joinPointer("#", "lint", "ignore", index);
      return errorAtPosition(
        "ACCORD_ERR_CATALOG_SUBJECT_META_INVALID",
        subject.metaFile ?? subject.name,
        subject.metaLocate?.(pointer),
        [`lint.ignore[${index}]: unknown rule id "${id}"`],
        pointer,
      );
    }
  }
  return undefined;
}

function toFinding(
  rule: AnyLintRule,
  severity: Severity,
  report: LintReport,
  catalog: Catalog,
  base: Catalog | undefined,
): CatalogFinding {
  const template = rule.messages[report.messageId];
  if (template === undefined) {
    // A rule reporting a message it does not declare is a bug in the rule, not a user's mistake.
    throw new Error(`lint rule ${rule.id} reported "${report.messageId}", which it does not declare`);
  }
  const message = template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    report.data && Object.hasOwn(report.data, name) ? String(report.data[name]) : whole,
  );
  const position =
    report.file && report.pointer ? locatorFor(report.file, catalog, base)?.(report.pointer) : undefined;
  return {
    ruleId: rule.id,
    messageId: report.messageId,
    source: "lint",
    severity,
    message,
    subject: report.subject,
    ...(report.version !== undefined ? { version: report.version } : {}),
    ...(report.file !== undefined ? { file: report.file } : {}),
    ...(report.pointer !== undefined ? { pointer: report.pointer } : {}),
    ...(position ? { line: position.line, column: position.column } : {}),
    fingerprint: findingFingerprint({
      subject: report.subject,
      version: report.version,
      ruleId: rule.id,
      pointer: report.pointer,
    }),
  };
}

/** The locator of a catalog file: a version's document, or a subject.yaml; a deleted file's from the base. */
export function locatorFor(file: string, catalog: Catalog, base?: Catalog): Locator | undefined {
  for (const candidate of base ? [catalog, base] : [catalog]) {
    for (const subject of candidate.subjects) {
      if (!file.startsWith(`schemas/${subject.name}/`)) continue;
      if (subject.metaFile === file) return subject.metaLocate;
      const version = subject.versions.find((entry) => entry.file === file);
      if (version) return version.document.locate;
    }
  }
  return undefined;
}
