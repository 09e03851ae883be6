/**
 * Public entry of the compatibility engine. Callers (CLI, catalog gate, registry) use only this.
 */
export { compareSchemas, checkCompatibility } from "./modes.js";
export { COMPAT_RULES, COMPAT_RULE_IDS, type CompatRuleId } from "./rules.js";
export * from "./types.js";
