import type { CatalogFinding } from "../../contracts/catalog/findings.js";
import { breakingSpot } from "../../contracts/schema/excerpt.js";
import { exampleSides } from "./finding-paths.js";

/**
 * What every report but JSON says about a breaking change beyond its message, in the order a
 * person reads it: where the event breaks and with what value, the excerpt of the example around
 * it, and the other versions the same change was seen in. The formats differ only in how they
 * wrap these lines.
 */

/** Occurrences named one by one; a subject with hundreds of versions gets a count for the rest. */
const MAX_OCCURRENCES = 12;
const MAX_AGAINST = 6;

export interface ExampleDetails {
  /** Where the event breaks and the value there, then what the reader's validator says, if known. */
  readonly head: readonly string[];
  /** The line that introduces the excerpt. */
  readonly caption: string;
  readonly excerpt: readonly string[];
}

export function exampleDetails(finding: CatalogFinding): ExampleDetails | undefined {
  if (finding.example === undefined) return undefined;
  const spot = breakingSpot(finding.example, finding.at);
  const sides = exampleSides(finding);
  const head = [`Breaks at ${spot.at === "" ? "the event itself" : spot.at}: ${spot.value}`];
  if (finding.readerSays !== undefined) head.push(`The reader says: ${finding.readerSays}`);
  return {
    head,
    caption: sides
      ? `Example event (excerpt; --format json has it whole), accepted by ${sides.accepts} and rejected by ${sides.rejects}:`
      : "Example event (excerpt; --format json has it whole):",
    excerpt: spot.excerpt,
  };
}

/** The example details as plain lines; none for findings without an example. */
export function exampleLines(finding: CatalogFinding): string[] {
  const details = exampleDetails(finding);
  return details ? [...details.head, details.caption, ...details.excerpt] : [];
}

function againstText(versions: readonly number[]): string {
  return versions.length <= MAX_AGAINST
    ? versions.map((version) => `v${version}`).join(", ")
    : `${versions.length} earlier versions`;
}

/** `Seen in 3 comparisons: v3 (against v1), v4 (against v1, v2)`, for a change found in several comparisons. */
export function seenInLine(finding: CatalogFinding): string | undefined {
  const seen = finding.seenIn;
  if (seen === undefined || seen.length < 2) return undefined;
  const byVersion = new Map<number, number[]>();
  for (const occurrence of seen) {
    const against = byVersion.get(occurrence.version) ?? [];
    if (occurrence.against !== undefined) against.push(occurrence.against);
    byVersion.set(occurrence.version, against);
  }
  const parts: string[] = [];
  for (const [version, against] of byVersion) {
    if (parts.length === MAX_OCCURRENCES) break;
    parts.push(against.length > 0 ? `v${version} (against ${againstText(against)})` : `v${version}`);
  }
  const rest = byVersion.size - parts.length;
  return `Seen in ${seen.length} comparisons: ${parts.join(", ")}${rest > 0 ? ` and ${rest} more versions` : ""}`;
}
