/**
 * Confluent data contracts: metadata and rule sets stored with each schema, merged with a
 * scope's defaults and overrides as Confluent merges them, and the metadata questions the
 * registry asks (which versions share a compatibility group, which version carries given
 * properties). Rules are stored and returned, never executed: clients execute them.
 */

/** Tags by field path, free-form properties, and the names of sensitive properties. */
export interface Metadata {
  readonly tags?: Readonly<Record<string, readonly string[]>>;
  readonly properties?: Readonly<Record<string, string>>;
  readonly sensitive?: readonly string[];
}

/** A rule is identified by its name; its other fields are the client's business. */
export interface Rule {
  readonly name: string;
  readonly [field: string]: unknown;
}

export interface RuleSet {
  readonly migrationRules?: readonly Rule[];
  readonly domainRules?: readonly Rule[];
  readonly encodingRules?: readonly Rule[];
}

/** What a schema carries besides its text; both parts are absent when empty. */
export interface DataContract {
  readonly metadata?: Metadata;
  readonly ruleSet?: RuleSet;
}

/** A scope's data-contract settings (PUT /config); the other config fields live in StoredConfig. */
export interface DataContractConfig {
  readonly compatibilityGroup?: string;
  readonly defaultMetadata?: Metadata;
  readonly overrideMetadata?: Metadata;
  readonly defaultRuleSet?: RuleSet;
  readonly overrideRuleSet?: RuleSet;
}

const RULE_KINDS = ["migrationRules", "domainRules", "encodingRules"] as const;

/**
 * `over` on top of `base`, as Confluent's Metadata.mergeMetadata: tags and properties merged by
 * key (`over` wins), sensitive names united. Undefined when both are empty.
 */
export function mergeMetadata(base: Metadata | undefined, over: Metadata | undefined): Metadata | undefined {
  const tags = { ...base?.tags, ...over?.tags };
  const properties = { ...base?.properties, ...over?.properties };
  const sensitive = [...new Set([...(base?.sensitive ?? []), ...(over?.sensitive ?? [])])];
  return withoutEmpty({
    ...(Object.keys(tags).length > 0 ? { tags } : {}),
    ...(Object.keys(properties).length > 0 ? { properties } : {}),
    ...(sensitive.length > 0 ? { sensitive } : {}),
  });
}

/**
 * `over` on top of `base`, as Confluent's RuleSet.mergeRuleSets: within each kind, a rule of
 * `over` replaces the rule of `base` with its name, and new names come after. Undefined when empty.
 */
export function mergeRuleSet(base: RuleSet | undefined, over: RuleSet | undefined): RuleSet | undefined {
  const merged: Record<string, readonly Rule[]> = {};
  for (const kind of RULE_KINDS) {
    const rules = [...(base?.[kind] ?? [])];
    for (const rule of over?.[kind] ?? []) {
      const at = rules.findIndex((existing) => existing.name === rule.name);
      if (at === -1) rules.push(rule);
      else rules[at] = rule;
    }
    if (rules.length > 0) merged[kind] = rules;
  }
  return withoutEmpty(merged as RuleSet);
}

/**
 * The data contract a new version gets: what the request says, or else what the subject's
 * latest version carries, with the scope's defaults underneath and its overrides on top.
 */
export function effectiveDataContract(
  requested: DataContract,
  previous: DataContract | undefined,
  config: DataContractConfig,
): DataContract {
  const metadata = mergeMetadata(
    mergeMetadata(config.defaultMetadata, requested.metadata ?? previous?.metadata),
    config.overrideMetadata,
  );
  const ruleSet = mergeRuleSet(
    mergeRuleSet(config.defaultRuleSet, requested.ruleSet ?? previous?.ruleSet),
    config.overrideRuleSet,
  );
  return { ...(metadata ? { metadata } : {}), ...(ruleSet ? { ruleSet } : {}) };
}

/** The version's value of the compatibility group property (undefined when it has none). */
export function groupOf(contract: DataContract, group: string): string | undefined {
  return contract.metadata?.properties?.[group];
}

/** Whether the metadata carries every property asked for (GET /subjects/{s}/metadata). */
export function hasProperties(contract: DataContract, wanted: ReadonlyMap<string, string>): boolean {
  const properties = contract.metadata?.properties ?? {};
  for (const [key, value] of wanted) if (properties[key] !== value) return false;
  return true;
}

/** Null, `{}` and all-empty parts mean "none": stored and compared as absent. */
export function presentOrUndefined<T extends object>(value: T | null | undefined): T | undefined {
  return value === null || value === undefined ? undefined : withoutEmpty(value);
}

function withoutEmpty<T extends object>(value: T): T | undefined {
  for (const part of Object.values(value)) {
    if (Array.isArray(part) ? part.length > 0 : part !== undefined && Object.keys(part ?? {}).length > 0) {
      return value;
    }
  }
  return undefined;
}
