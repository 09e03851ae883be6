import type { CatalogFinding } from "../../contracts/catalog/findings.js";
import { formatGithubActions } from "./github-actions.js";
import { toSarif } from "./sarif.js";

/** The output formats `accord lint` and `accord check` share. */
export const FINDING_FORMATS = ["text", "json", "github-actions", "junit", "sarif"] as const;

export type FindingFormat = (typeof FINDING_FORMATS)[number];

export interface RenderInput<R> {
  readonly format: FindingFormat;
  readonly result: R;
  readonly findings: readonly CatalogFinding[];
  /** Human text, for `text`, and the last line of `github-actions`. */
  readonly text: () => string;
  readonly summary: string;
  readonly junit: () => string;
  /** Catalog folder relative to the repository root (annotations, SARIF). */
  readonly repositoryPrefix: string;
  readonly toolVersion: string;
  readonly category: string;
}

/** Renders a result in the chosen format; what goes to stdout, whole. */
export function renderFindings<R>(input: RenderInput<R>): string {
  switch (input.format) {
    case "json":
      return JSON.stringify(input.result, null, 2);
    case "github-actions":
      return formatGithubActions(input.findings, input.repositoryPrefix, input.summary);
    case "junit":
      return input.junit();
    case "sarif":
      return JSON.stringify(
        toSarif(input.findings, {
          pathPrefix: input.repositoryPrefix,
          toolVersion: input.toolVersion,
          category: input.category,
        }),
        null,
        2,
      );
    default:
      return input.text();
  }
}
