import type { LintResult } from "../../contracts/lint/index.js";
import { cwdPrefix, repositoryPrefix } from "../catalog-io.js";
import type { CheckResult } from "../commands/check.js";
import { type FindingFormat, renderFindings } from "./findings-output.js";
import { formatCheckText, formatLintText } from "./findings-text.js";
import { checkJunit, lintJunit } from "./junit.js";
import type { Style } from "./style.js";

/**
 * The output of `accord check` and `accord lint` in the chosen format. Paths in findings are
 * relative to the catalog; people read them from the working directory, while annotations and
 * SARIF need them from the repository root.
 */

export interface ReportOptions {
  readonly format: FindingFormat;
  readonly dir: string;
  readonly style: Style;
  /** Accord's version, for SARIF's tool description. */
  readonly version: string;
}

async function prefixes(options: ReportOptions): Promise<{ local: string; repository: string }> {
  const local = cwdPrefix(options.dir);
  const annotated = options.format === "github-actions" || options.format === "sarif";
  return { local, repository: annotated ? await repositoryPrefix(options.dir) : local };
}

function counts(errors: number, warnings: number): string {
  return `${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`;
}

export async function renderCheck(result: CheckResult, options: ReportOptions): Promise<string> {
  const path = await prefixes(options);
  const { against } = result;
  return renderFindings({
    format: options.format,
    result,
    findings: result.findings,
    text: () =>
      formatCheckText(result, {
        style: options.style,
        pathPrefix: path.local,
        ...(against ? { against } : {}),
      }),
    summary: `accord check: ${result.passed ? "passed" : "failed"} (${counts(result.counts.errors, result.counts.warnings)}, ${result.counts.acknowledged} acknowledged)`,
    junit: () => checkJunit(result, path.local),
    repositoryPrefix: path.repository,
    toolVersion: options.version,
    category: "accord/check/",
  });
}

export interface LintReportInput {
  readonly result: LintResult & { readonly passed: boolean };
  readonly subjects: readonly string[];
  readonly against?: { readonly ref: string; readonly commit: string };
}

export async function renderLint(input: LintReportInput, options: ReportOptions): Promise<string> {
  const path = await prefixes(options);
  const { result, against } = input;
  return renderFindings({
    format: options.format,
    result,
    findings: result.findings,
    text: () =>
      formatLintText(result, {
        style: options.style,
        pathPrefix: path.local,
        ...(against ? { against } : {}),
      }),
    summary: `accord lint: ${result.passed ? "passed" : "failed"} (${counts(result.counts.errors, result.counts.warnings)})`,
    junit: () => lintJunit(result, input.subjects, path.local),
    repositoryPrefix: path.repository,
    toolVersion: options.version,
    category: "accord/lint/",
  });
}
