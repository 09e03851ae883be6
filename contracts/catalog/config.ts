import type { ValidateFunction } from "ajv";
import type { CompatibilityMode } from "../compat/types.js";
import { type AccordError, fail, ok, type Result } from "../errors.js";
import { isJsonObject } from "../schema/json-value.js";
import { errorAtPosition } from "../schema/located.js";
import { joinPointer } from "../schema/pointer.js";
import type { Draft, Json } from "../schema/types.js";
import { accordConfigSchema } from "./config-schema.js";
import { closestWord } from "./suggest.js";
import type {
  CatalogConfig,
  CatalogException,
  LintPresetName,
  LintRuleSetting,
  LintSettings,
  Locator,
  Severity,
} from "./types.js";
import { compileSettingsSchema, readSettingsFile } from "./validate.js";

export const CONFIG_FILE = "accord.yaml";

let validator: ValidateFunction | undefined;

/**
 * accord.yaml text → CatalogConfig with every default filled in. Lint rule ids and options are
 * only checked for shape here; the linter, which knows the rules, checks the rest.
 */
export function parseConfig(text: string): Result<CatalogConfig> {
  const schema = accordConfigSchema();
  validator ??= compileSettingsSchema(schema);
  const known = Object.keys((schema.properties ?? {}) as object);
  const read = readSettingsFile(
    text,
    CONFIG_FILE,
    validator,
    "ACCORD_ERR_CATALOG_CONFIG_INVALID",
    (value, locate) => misspeltSetting(value, locate, known),
  );
  if (!read.ok) return read;
  const { value, locate } = read.value;

  const list = (value.exceptions ?? []) as Record<string, Json>[];
  for (const [index, entry] of list.entries()) {
    const named = ["subject", "version", "rule"].filter((key) => entry[key] !== undefined);
    if (entry.fingerprint === undefined && named.length < 3) {
      const pointer = joinPointer("#", "exceptions", index);
      return fail(
        errorAtPosition(
          "ACCORD_ERR_CATALOG_CONFIG_INVALID",
          CONFIG_FILE,
          locate(pointer),
          [
            `exceptions[${index}]: name the finding with a fingerprint, or with subject, version and rule (this one has ${named.length === 0 ? "none of them" : `only ${named.join(" and ")}`})`,
          ],
          pointer,
        ),
      );
    }
  }

  const registry = value.registry as { url: string } | undefined;
  const writersEmitOnlyDeclared = (value.writersEmitOnlyDeclared as boolean | undefined) ?? false;
  const annotationKeywords = (value.annotationKeywords as string[] | undefined) ?? [];
  return ok({
    version: 1,
    compatibility: (value.compatibility as CompatibilityMode | undefined) ?? "BACKWARD",
    defaultDraft: (value.defaultDraft as Draft | undefined) ?? "draft-07",
    writersEmitOnlyDeclared,
    annotationKeywords,
    compareOptions: { writersEmitOnlyDeclared, annotationKeywords },
    consumerGate: (value.consumerGate as boolean | undefined) ?? false,
    ...(registry ? { registry: { url: registry.url } } : {}),
    lint: lintSettings(value.lint as Record<string, Json> | undefined),
    exceptions: exceptions(list),
    file: CONFIG_FILE,
    locate,
    raw: value,
  });
}

/**
 * The schema lets unknown keys through when they hold a section (other commands own those); a
 * scalar under an unknown key is a misspelt setting, which is worth stopping for.
 */
function misspeltSetting(
  value: Record<string, Json>,
  locate: Locator,
  known: readonly string[],
): AccordError | undefined {
  for (const key of Object.keys(value)) {
    if (known.includes(key) || isJsonObject(value[key])) continue;
    const guess = closestWord(key, known);
    const pointer = joinPointer("#", key);
    return errorAtPosition(
      "ACCORD_ERR_CATALOG_CONFIG_INVALID",
      CONFIG_FILE,
      locate(pointer),
      [`${key}: unknown key${guess ? ` (did you mean "${guess}"?)` : ""}`],
      pointer,
    );
  }
  return undefined;
}

function lintSettings(lint: Record<string, Json> | undefined): LintSettings {
  const rules: Record<string, LintRuleSetting> = {};
  for (const [id, setting] of Object.entries((lint?.rules ?? {}) as Record<string, Json>)) {
    if (typeof setting === "string") {
      rules[id] = { severity: setting as Severity | "off", ignore: [], options: {} };
    } else if (isJsonObject(setting)) {
      const { severity, ignore, ...options } = setting;
      rules[id] = {
        ...(typeof severity === "string" ? { severity: severity as Severity | "off" } : {}),
        ignore: (ignore ?? []) as string[],
        options,
      };
    }
  }
  return { preset: (lint?.preset as LintPresetName | undefined) ?? "standard", rules };
}

function exceptions(list: readonly Record<string, Json>[]): CatalogException[] {
  return list.map((entry, index) => ({
    index,
    ...(typeof entry.subject === "string" ? { subject: entry.subject } : {}),
    ...(typeof entry.version === "number" ? { version: entry.version } : {}),
    ...(typeof entry.rule === "string" ? { rule: entry.rule } : {}),
    ...(typeof entry.fingerprint === "string" ? { fingerprint: entry.fingerprint } : {}),
    reason: String(entry.reason),
    ...(typeof entry.expires === "string" ? { expires: entry.expires } : {}),
  }));
}
