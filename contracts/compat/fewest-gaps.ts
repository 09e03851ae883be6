/**
 * Which gap a reader union reports when no alternative takes the writer whole: the first real gap
 * of the outcome with the fewest real gaps (at least one), earlier outcomes winning ties. A gap is
 * real when no alternative accepts its example, and testing that walks the whole reader with a
 * whole event, so gaps are tested lazily: always in the outcome that could still win with the
 * fewest (its count so far, at least one), until one is known to win. With a single outcome left,
 * its first real gap is the answer whatever its count.
 */
import type { Gap, Outcome } from "./gaps.js";

interface Tally {
  readonly gaps: readonly Gap[];
  next: number;
  count: number;
  first: Gap | undefined;
}

export function firstGapOfFewest(
  outcomes: readonly Outcome[],
  isReal: (gap: Gap) => boolean,
): Gap | undefined {
  let open: Tally[] = outcomes
    .filter((outcome) => outcome.gaps.length > 0)
    .map((outcome) => ({ gaps: outcome.gaps, next: 0, count: 0, first: undefined }));
  for (;;) {
    // The least bound, the earliest outcome on ties: a finished tally's bound is its count.
    let chosen: Tally | undefined;
    for (const tally of open)
      if (chosen === undefined || Math.max(tally.count, 1) < Math.max(chosen.count, 1)) chosen = tally;
    if (chosen === undefined) return undefined;
    const finished = chosen.next >= chosen.gaps.length;
    if (finished || (open.length === 1 && chosen.count > 0)) return chosen.first;
    const gap = chosen.gaps[chosen.next++] as Gap;
    if (isReal(gap)) {
      chosen.first ??= gap;
      chosen.count++;
    }
    // An outcome whose gaps are all covered by other alternatives cannot win.
    if (chosen.next >= chosen.gaps.length && chosen.count === 0)
      open = open.filter((tally) => tally !== chosen);
  }
}
