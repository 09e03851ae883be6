import { Ajv, type Options, type ValidateFunction } from "ajv";
import { Ajv2019 } from "ajv/dist/2019.js";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import type { Draft, Json } from "./types.js";

// ajv-formats is CommonJS; under NodeNext its default import is the module object, whose `default` is the plugin.
const addFormats = addFormatsModule.default;

export type AnyAjv = Ajv | Ajv2019 | Ajv2020;

/**
 * A new ajv instance for a draft with ajv-formats, Accord's base options and `extra` on top.
 * `strict: false` because event schemas carry vendor keywords (x-*) and annotations ajv would
 * otherwise refuse; formats are asserted, which is how Accord treats `format` everywhere (see
 * README); `logger: false` keeps contracts/ silent (ajv warns on the console about unknown formats).
 */
export function newAjv(draft: Draft, extra: Options = {}): AnyAjv {
  const options: Options = {
    strict: false,
    allErrors: false,
    validateFormats: true,
    logger: false,
    ...extra,
  };
  const ajv =
    draft === "2020-12"
      ? new Ajv2020(options)
      : draft === "2019-09"
        ? new Ajv2019(options)
        : new Ajv(options);
  addFormats(ajv);
  return ajv;
}

const instances = new Map<Draft, AnyAjv>();

/**
 * One ajv instance per draft, shared by everything in contracts/. `optimize: false` compiles
 * about 4x faster, and Accord compiles far more often than a long-lived service would (each
 * version it compares, each example it verifies).
 */
export function ajvFor(draft: Draft): AnyAjv {
  let ajv = instances.get(draft);
  if (!ajv) {
    ajv = newAjv(draft, { code: { optimize: false } });
    instances.set(draft, ajv);
  }
  return ajv;
}

const compiled = new WeakMap<object, Map<Draft, ValidateFunction>>();

/**
 * Compiles (once per schema object and draft) a validator. The schema must already have passed
 * the loader: only local `$ref`s, so compiling never reaches outside the document.
 */
export function validatorFor(root: Json, draft: Draft): (value: unknown) => boolean {
  if (typeof root === "boolean") return () => root;
  if (root === null || typeof root !== "object") return () => false;
  let byDraft = compiled.get(root);
  if (!byDraft) {
    byDraft = new Map();
    compiled.set(root, byDraft);
  }
  let validate = byDraft.get(draft);
  if (!validate) {
    const ajv = ajvFor(draft);
    // Two versions of one event often share an $id; the newest compile takes the id over.
    const id = (root as { $id?: unknown }).$id;
    if (typeof id === "string" && ajv.getSchema(id)) ajv.removeSchema(id);
    validate = ajv.compile(root);
    byDraft.set(draft, validate);
  }
  const fn = validate;
  return (value: unknown) => fn(value) === true;
}

/**
 * Like validatorFor, but a schema ajv cannot run on a value (a `$dynamicRef` loop overflowing the
 * stack) gives undefined instead of throwing: the caller treats that as "cannot tell".
 */
export function guardedValidatorFor(root: Json, draft: Draft): (value: unknown) => boolean | undefined {
  let validate: ((value: unknown) => boolean) | undefined;
  try {
    validate = validatorFor(root, draft);
  } catch {
    return () => undefined;
  }
  const fn = validate;
  return (value: unknown) => {
    try {
      return fn(value);
    } catch {
      return undefined;
    }
  };
}
