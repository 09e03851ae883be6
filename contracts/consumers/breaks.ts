import type { CatalogVersion, ConsumerReader } from "../catalog/types.js";
import { type CompareOptions, checkCompatibility, type Finding, type Undecided } from "../compat/index.js";

export interface ConsumerBreak {
  /** The read path broken; absent for a `schema:` reader. */
  readonly path?: string;
  readonly finding: Finding | Undecided;
  readonly undetermined: boolean;
}

/**
 * What a version breaks for one consumer: for `reads`, path by path (so each break names its path);
 * for `schema`, the reader as a whole. Only FORWARD is asked: the consumer reads new events.
 */
export function consumerBreaks(
  reader: ConsumerReader,
  version: CatalogVersion,
  options: CompareOptions,
): ConsumerBreak[] {
  const sides = reader.paths.length > 0 ? reader.paths : [{ path: undefined, document: reader.document }];
  const breaks: ConsumerBreak[] = [];
  for (const side of sides) {
    const report = checkCompatibility([side.document], version.document, "FORWARD", options);
    const path = side.path !== undefined ? { path: side.path } : {};
    for (const finding of report.findings) breaks.push({ ...path, finding, undetermined: false });
    for (const finding of report.undetermined) breaks.push({ ...path, finding, undetermined: true });
  }
  return breaks;
}
