import type { ValidateFunction } from "ajv";
import type { CompatibilityMode } from "../compat/types.js";
import { ok, type Result } from "../errors.js";
import { SUBJECT_META_SCHEMA } from "./config-schema.js";
import type { ConsumerEntry, Locator, SubjectMeta } from "./types.js";
import { compileSettingsSchema, readSettingsFile } from "./validate.js";

let validator: ValidateFunction | undefined;

export const EMPTY_META: SubjectMeta = {
  owners: [],
  producers: [],
  consumers: [],
  consumerEntries: [],
  tags: [],
  lintIgnore: [],
};

/** subject.yaml text → SubjectMeta (lists default to empty). */
export function parseSubjectMeta(text: string, file: string): Result<{ meta: SubjectMeta; locate: Locator }> {
  validator ??= compileSettingsSchema(SUBJECT_META_SCHEMA);
  const read = readSettingsFile(text, file, validator, "ACCORD_ERR_CATALOG_SUBJECT_META_INVALID");
  if (!read.ok) return read;
  const value = read.value.value as Record<string, unknown>;
  const strings = (key: string) => (value[key] ?? []) as string[];
  const consumerEntries = ((value.consumers ?? []) as (string | Record<string, unknown>)[]).map(
    (entry, index): ConsumerEntry =>
      typeof entry === "string"
        ? { name: entry, index }
        : {
            name: entry.name as string,
            ...(entry.reads !== undefined ? { reads: entry.reads as string[] } : {}),
            ...(entry.version !== undefined ? { version: entry.version as number } : {}),
            ...(entry.schema !== undefined ? { schema: entry.schema as string } : {}),
            index,
          },
  );
  const deprecated = value.deprecated as { reason: string; replacement?: string } | undefined;
  const meta: SubjectMeta = {
    ...(typeof value.description === "string" ? { description: value.description } : {}),
    owners: strings("owners"),
    ...(typeof value.topic === "string" ? { topic: value.topic } : {}),
    producers: strings("producers"),
    consumers: consumerEntries.map((entry) => entry.name),
    consumerEntries,
    ...(typeof value.consumerGate === "boolean" ? { consumerGate: value.consumerGate } : {}),
    ...(typeof value.compatibility === "string"
      ? { compatibility: value.compatibility as CompatibilityMode }
      : {}),
    tags: strings("tags"),
    ...(deprecated
      ? {
          deprecated: {
            reason: deprecated.reason,
            ...(deprecated.replacement !== undefined ? { replacement: deprecated.replacement } : {}),
          },
        }
      : {}),
    ...(typeof value.registrySubject === "string" ? { registrySubject: value.registrySubject } : {}),
    lintIgnore: ((value.lint as { ignore?: string[] } | undefined)?.ignore ?? []) as string[],
  };
  return ok({ meta, locate: read.value.locate });
}
