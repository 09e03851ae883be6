import type { CompareOptions, CompatibilityMode, CompatReport, SchemaDocument } from "./types.js";

/** Compares one old and one new version under a mode (TRANSITIVE forms act as their plain form here). */
export function compareSchemas(
  _previous: SchemaDocument,
  _current: SchemaDocument,
  _mode: CompatibilityMode,
  _options: CompareOptions = {},
): CompatReport {
  throw new Error("engine not built yet");
}

/**
 * Checks a candidate against a subject's history (oldest first). Plain modes compare with the
 * latest version only; TRANSITIVE modes with every earlier version.
 */
export function checkCompatibility(
  _history: readonly SchemaDocument[],
  _candidate: SchemaDocument,
  _mode: CompatibilityMode,
  _options: CompareOptions = {},
): CompatReport {
  throw new Error("engine not built yet");
}
