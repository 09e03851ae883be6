import type { AnyLintRule } from "../types.js";
import deprecationReplacementRequired from "./deprecation-replacement-required.js";
import envelopeFieldsRequired from "./envelope-fields-required.js";
import examplesValid from "./examples-valid.js";
import objectOpennessExplicit from "./object-openness-explicit.js";
import ownersRequired from "./owners-required.js";
import propertyDescriptionRequired from "./property-description-required.js";
import schemaDescriptionRequired from "./schema-description-required.js";
import subjectNamePattern from "./subject-name-pattern.js";
import versionImmutable from "./version-immutable.js";
import versionsContiguous from "./versions-contiguous.js";

/** Every lint rule, sorted by id. A test keeps this list, the files in rules/ and the README in step. */
export const LINT_RULES: readonly AnyLintRule[] = [
  deprecationReplacementRequired,
  envelopeFieldsRequired,
  examplesValid,
  objectOpennessExplicit,
  ownersRequired,
  propertyDescriptionRequired,
  schemaDescriptionRequired,
  subjectNamePattern,
  versionImmutable,
  versionsContiguous,
];

/** Ids that once existed; never reuse them. */
export const RETIRED_LINT_RULES: readonly string[] = [];
