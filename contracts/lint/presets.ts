import type { LintPresetName, Severity } from "../catalog/types.js";

/**
 * What each preset switches on, per configuration version (accord.yaml `version:`). A preset of a
 * released version never changes: adding a rule to it would change results for everyone on that
 * version, so new rules go into the presets of a new version.
 */
export type Preset = Readonly<Record<string, Severity>>;

const MINIMAL_V1: Preset = {
  "examples-valid": "error",
  "version-immutable": "error",
  "versions-contiguous": "error",
};

const STANDARD_V1: Preset = {
  ...MINIMAL_V1,
  "deprecation-replacement-required": "error",
  "object-openness-explicit": "warning",
  "owners-required": "error",
  "property-description-required": "warning",
  "schema-description-required": "error",
  "subject-name-pattern": "error",
};

const STRICT_V1: Preset = Object.fromEntries(Object.keys(STANDARD_V1).map((id) => [id, "error"]));

/** `envelope-fields-required` is in no preset: which envelope applies is a catalog's own choice. */
export const PRESETS: Readonly<Record<1, Readonly<Record<LintPresetName, Preset>>>> = {
  1: { minimal: MINIMAL_V1, standard: STANDARD_V1, strict: STRICT_V1 },
};
