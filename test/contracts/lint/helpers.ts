import { expect } from "vitest";
import { loadCatalog } from "../../../contracts/catalog/load.js";
import type { Catalog } from "../../../contracts/catalog/types.js";
import { type LintResult, runLint } from "../../../contracts/lint/index.js";

export type Files = Readonly<Record<string, string>>;

export function catalogOf(files: Files): Catalog {
  const result = loadCatalog(new Map(Object.entries({ "accord.yaml": "", ...files })));
  if (!result.ok) throw new Error(`fixture catalog does not load: ${result.error.message}`);
  return result.value;
}

export function lintFiles(files: Files, base?: Files): LintResult {
  const result = runLint(catalogOf(files), base ? { base: catalogOf(base) } : {});
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** accord.yaml switching one rule on (at error, with options) in the minimal preset. */
export function configFor(ruleId: string, options: Readonly<Record<string, unknown>> = {}): string {
  return `lint:\n  preset: minimal\n  rules:\n    ${ruleId}: ${JSON.stringify({ severity: "error", ...options })}\n`;
}

export interface Expected {
  readonly messageId: string;
  readonly pointer?: string;
  readonly file?: string;
  readonly subject?: string;
  readonly version?: number;
}

export interface RuleCase {
  readonly name: string;
  readonly files: Files;
  readonly base?: Files;
  readonly options?: Readonly<Record<string, unknown>>;
}

export interface InvalidCase extends RuleCase {
  readonly errors: readonly Expected[];
}

/**
 * ESLint's RuleTester, for catalogs: valid cases report nothing for the rule, invalid cases report
 * exactly the listed messages at the listed places (in report order).
 */
export function ruleCases(
  ruleId: string,
  cases: { valid: readonly RuleCase[]; invalid: readonly InvalidCase[] },
) {
  const run = (rule: RuleCase) => {
    const config = configFor(ruleId, rule.options);
    const result = lintFiles(
      { ...rule.files, "accord.yaml": config },
      rule.base ? { ...rule.base, "accord.yaml": config } : undefined,
    );
    return result.findings.filter((finding) => finding.ruleId === ruleId);
  };
  return {
    valid: cases.valid.map((rule) => [rule.name, () => expect(run(rule)).toEqual([])] as const),
    invalid: cases.invalid.map(
      (rule) =>
        [
          rule.name,
          () => {
            const found = run(rule).map((finding) => {
              const picked: Record<string, unknown> = { messageId: finding.messageId };
              for (const key of ["pointer", "file", "subject", "version"] as const) {
                if (rule.errors.some((error) => error[key] !== undefined)) picked[key] = finding[key];
              }
              return picked;
            });
            expect(found).toEqual(rule.errors.map((error) => ({ ...error })));
          },
        ] as const,
    ),
  };
}

export function schema(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
