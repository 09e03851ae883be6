/**
 * One change of a subject's history shows up again in every later comparison that keeps it: a
 * property made required in v2 breaks v2, v3 ... v6 against v1 under a transitive mode. Its first
 * proof is the one a person reads (the gate reports one finding per change, the docs show the
 * example once), so a repeat only needs its example verified by ajv, not repaired and minimised,
 * which is most of what proving costs on a large event.
 */
import type { Direction } from "./types.js";

/** What names a change: its rule, direction, and the places it sits in the old and new schemas. */
export interface ChangeIdentity {
  readonly rule: string;
  readonly direction: Direction;
  readonly oldPath: string;
  readonly newPath: string;
}

export function changeKey(change: ChangeIdentity): string {
  return [change.rule, change.direction, change.oldPath, change.newPath].join("\u0000");
}

/**
 * The changes proven so far in one subject's history, in the order its comparisons ran (versions
 * ascending, then the versions compared with, oldest first): the order in which the first proof
 * of each change is the one reported.
 */
export class ProvenChanges {
  private readonly keys = new Set<string>();

  has(change: ChangeIdentity): boolean {
    return this.keys.has(changeKey(change));
  }

  add(change: ChangeIdentity): void {
    this.keys.add(changeKey(change));
  }
}
