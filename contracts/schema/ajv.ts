import { Ajv, type Options, type ValidateFunction } from "ajv";
import { Ajv2019 } from "ajv/dist/2019.js";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { fullFormats } from "ajv-formats/dist/formats.js";
import type { Draft, Json } from "./types.js";
import { WeakMemo } from "./weak-memo.js";

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

type FormatTest = (value: string) => boolean;

/** Strings remembered per format, at most: past it the memory starts afresh. */
const REMEMBERED_PER_FORMAT = 20_000;

const rememberedTests = new Map<string, FormatTest>();

/**
 * ajv-formats' test for a string format, remembering its answers: a format is a pure function of
 * the string, and the engine validates the same values again and again (an example is judged
 * after each repair, under both schemas, and every version of a webhook payload carries dozens
 * of `uri` and `date-time` fields whose full-mode regexes dominate validation time). Undefined
 * for formats that are not ajv-formats' string tests (number formats, unknown names), or when
 * `definition` is given and is not ajv-formats' own.
 */
export function rememberedFormatTest(name: string, definition?: unknown): FormatTest | undefined {
  if (!Object.hasOwn(fullFormats, name)) return undefined;
  const own = fullFormats[name as keyof typeof fullFormats] as unknown;
  if (definition !== undefined && definition !== own) return undefined;
  const known = rememberedTests.get(name);
  if (known) return known;
  const test = formatTestOf(own);
  if (!test) return undefined;
  let answers = new Map<string, boolean>();
  const remembered = (value: string): boolean => {
    const answer = answers.get(value);
    if (answer !== undefined) return answer;
    if (answers.size >= REMEMBERED_PER_FORMAT) answers = new Map();
    const fresh = test(value);
    answers.set(value, fresh);
    return fresh;
  };
  rememberedTests.set(name, remembered);
  return remembered;
}

/**
 * The string test an ajv format definition stands for (a RegExp, a function, or an object with
 * `validate`); undefined when it tests no strings (number formats, async ones, `true`).
 */
export function formatTestOf(definition: unknown): FormatTest | undefined {
  if (definition instanceof RegExp) return (value) => definition.test(value);
  if (typeof definition === "function") return (value) => Boolean(definition(value));
  if (typeof definition !== "object" || definition === null) return undefined;
  const { type, async, validate } = definition as { type?: string; async?: boolean; validate?: unknown };
  if ((type !== undefined && type !== "string") || async) return undefined;
  return validate instanceof RegExp || typeof validate === "function" ? formatTestOf(validate) : undefined;
}

/**
 * The instance's string formats replaced by remembering ones with the same answers (and the same
 * `compare` for formatMinimum and the like). Only the validating instances get them: `ajvFor`'s
 * keep ajv-formats' own definitions, which format-languages.ts recognises by identity.
 */
function rememberFormats(ajv: AnyAjv): void {
  for (const name of Object.keys(fullFormats)) {
    const test = rememberedFormatTest(name);
    if (!test) continue;
    const definition = fullFormats[name as keyof typeof fullFormats] as unknown;
    const compare =
      typeof definition === "object" && definition !== null && !(definition instanceof RegExp)
        ? (definition as { compare?: (a: string, b: string) => number | undefined }).compare
        : undefined;
    ajv.addFormat(
      name,
      compare ? { type: "string", validate: test, compare } : { type: "string", validate: test },
    );
  }
}

/** An engine instance, the identifiers its compiled documents declared, and how much it holds. */
interface PooledAjv {
  readonly ajv: AnyAjv;
  readonly taken: Set<string>;
  compiles: number;
}

const pools = new Map<string, PooledAjv[]>();

/** Past this many documents an instance takes no more, so a long-running process lets old ones go. */
const MAX_DOCUMENTS_PER_INSTANCE = 500;

/**
 * An ajv instance in which `root` can be compiled without meeting an identifier another document
 * declared (two versions of one event often share an `$id`; one version's embedded `$id` may be
 * another's root id): documents share an instance only when their `$id`s are disjoint. A document
 * that bundles a JSON Schema meta-schema under its official `$id` gets an instance without ajv's
 * own meta-schemas. `allErrors` keeps generated code flat: with ajv's default, each property's
 * check nests inside the previous one's, and a few thousand properties overflow V8's parser.
 */
export function isolatedAjvFor(draft: Draft, root: Json): AnyAjv {
  const ids = declaredIds(root);
  const bundlesMeta = ids.some((id) => /^https?:\/\/json-schema\.org\//.test(id));
  const key = `${draft}|${bundlesMeta}`;
  const pool = (pools.get(key) ?? []).filter((entry) => entry.compiles < MAX_DOCUMENTS_PER_INSTANCE);
  let entry = pool.find((candidate) => ids.every((id) => !candidate.taken.has(id)));
  if (!entry) {
    // Every document compiled here has passed the loader's meta-schema check already, so ajv's own
    // check of each schema it compiles is repeated work (a tenth of a docs build of small schemas).
    const meta = bundlesMeta ? { meta: false } : {};
    const ajv = newAjv(draft, {
      allErrors: true,
      inlineRefs: false,
      code: { optimize: false },
      validateSchema: false,
      ...meta,
    });
    rememberFormats(ajv);
    entry = {
      ajv,
      taken: new Set(),
      compiles: 0,
    };
    pool.push(entry);
  }
  pools.set(key, pool);
  for (const id of ids) entry.taken.add(id);
  entry.compiles++;
  return entry.ajv;
}

/**
 * Lets go of every compiled validator: instances hold each document they compiled for as long as
 * they live. For callers that work in independent batches (a check slice), so memory stays bounded
 * by one batch; validators asked for later are compiled afresh.
 */
export function forgetValidators(): void {
  pools.clear();
  compiled = new WeakMemo();
}

/** Every absolute `$id` a document declares (fragment dropped), resolved against its parents. */
function declaredIds(root: Json): string[] {
  const ids: string[] = [];
  const stack: { node: Json; base: string | undefined }[] = [{ node: root, base: undefined }];
  while (stack.length > 0) {
    const { node, base } = stack.pop() as { node: Json; base: string | undefined };
    if (node === null || typeof node !== "object") continue;
    let inner = base;
    if (!Array.isArray(node) && typeof node.$id === "string" && !node.$id.startsWith("#")) {
      inner = resolveId(node.$id, base);
      ids.push(inner);
    }
    for (const child of Array.isArray(node) ? node : Object.values(node))
      stack.push({ node: child, base: inner });
  }
  return ids;
}

function resolveId(id: string, base: string | undefined): string {
  let absolute = id;
  try {
    absolute = base ? new URL(id, base).href : new URL(id).href;
  } catch {
    // A relative id without a base stays as written, which is how ajv keys it too.
  }
  const hash = absolute.indexOf("#");
  return hash < 0 ? absolute : absolute.slice(0, hash);
}

let compiled = new WeakMemo<ValidateFunction>();

/** The validator of a schema object under a draft, compiled once (a compile error is thrown each time). */
function compiledFor(root: object, draft: Draft): ValidateFunction {
  return compiled.remember(root, draft, () => isolatedAjvFor(draft, root as Json).compile(root));
}

/**
 * Compiles (once per schema object and draft) a validator. The schema must already have passed
 * the loader: only local `$ref`s, so compiling never reaches outside the document.
 */
export function validatorFor(root: Json, draft: Draft): (value: unknown) => boolean {
  if (typeof root === "boolean") return () => root;
  if (root === null || typeof root !== "object") return () => false;
  const validate = compiledFor(root, draft);
  return (value: unknown) => validate(value) === true;
}

/** One reason ajv rejects a value: where (instance path, RFC 6901) and what it says. */
export interface ValidationError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly message: string;
  readonly params: Readonly<Record<string, unknown>>;
}

/**
 * Every error ajv reports for a value (the engine's instances collect all errors), or undefined
 * when the schema cannot be compiled or run on it.
 */
export function errorsFor(
  root: Json,
  draft: Draft,
): (value: unknown) => readonly ValidationError[] | undefined {
  if (typeof root === "boolean") return () => (root ? [] : [falseSchemaError]);
  let validate: ValidateFunction;
  try {
    if (root === null || typeof root !== "object") return () => undefined;
    validate = compiledFor(root, draft);
  } catch {
    return () => undefined;
  }
  return (value: unknown) => {
    try {
      if (validate(value) === true) return [];
      return (validate.errors ?? []).map((error) => ({
        instancePath: error.instancePath,
        keyword: error.keyword,
        message: error.message ?? error.keyword,
        params: error.params as Record<string, unknown>,
      }));
    } catch {
      return undefined;
    }
  };
}

const falseSchemaError: ValidationError = {
  instancePath: "",
  keyword: "false schema",
  message: "boolean schema is false",
  params: {},
};

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
