/** A run as one row of a bench's table in bench/RESULTS.md. */
export interface Run {
  readonly date: string;
  readonly commit: string;
  readonly machine: string;
  readonly load: string;
  readonly figures: string;
  /** Ratios to the bench's floor; "—" when omitted. */
  readonly floor?: string;
}

export const RESULTS: string;
export const RUNS_HEADER: string;
export function runRow(run: Run): string;
export function insertRun(markdown: string, bench: string, row: string): string;
export function currentCommit(): string;
export function machine(): string;
export function loadNow(): string;
export function recordRun(bench: string, run: { figures: string; floor?: string; load?: string }): void;
