import { COMPATIBILITY_MODES, type CompatibilityMode } from "../contracts/compat/types.js";

/** Confluent's name for the compatibility mode; the engine's modes are the same seven values. */
export type CompatibilityLevel = CompatibilityMode;

export const COMPATIBILITY_LEVELS: readonly CompatibilityLevel[] = COMPATIBILITY_MODES;

/** Used when neither the subject nor the global scope configures a level (Confluent's default). */
export const DEFAULT_COMPATIBILITY: CompatibilityLevel = "BACKWARD";

/**
 * Registry modes Accord implements. Confluent's FORWARD mode (forwarding to another registry) and
 * the deprecated READONLY_OVERRIDE have no meaning for a single embedded store.
 */
export type RegistryMode = "READWRITE" | "READONLY" | "IMPORT";

export const REGISTRY_MODES: readonly RegistryMode[] = ["READWRITE", "READONLY", "IMPORT"];

export const DEFAULT_MODE: RegistryMode = "READWRITE";

/** A Confluent schema reference: `name` is what the schema's `$ref` uses for the referenced schema. */
export interface SchemaReference {
  readonly name: string;
  readonly subject: string;
  readonly version: number;
}

export function isCompatibilityLevel(value: string): value is CompatibilityLevel {
  return (COMPATIBILITY_LEVELS as readonly string[]).includes(value);
}

export function isRegistryMode(value: string): value is RegistryMode {
  return (REGISTRY_MODES as readonly string[]).includes(value);
}
