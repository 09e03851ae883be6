/**
 * Public entry of the compatibility engine. Callers (CLI, catalog gate, registry) use only this.
 */
export { checkCompatibility, compareSchemas } from "./modes.js";
export { type ChangeIdentity, changeKey, ProvenChanges } from "./proven-changes.js";
export { COMPAT_RULE_IDS, COMPAT_RULES, type CompatRuleId } from "./rules.js";
export * from "./types.js";
