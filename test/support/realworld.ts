import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { isJsonObject } from "../../contracts/schema/json-value.js";
import type { Json, JsonObject } from "../../contracts/schema/types.js";

/**
 * A real-world corpus from published schemas installed as devDependencies (no network): six
 * releases of GitHub's webhook payload schemas and every AsyncAPI specification schema. These are
 * schemas nobody on the team wrote, evolving the way real contracts do, which is where Accord's
 * users meet it first (issue 11).
 */

/** The webhook releases, oldest first, by the npm alias each is installed under. */
export const WEBHOOK_RELEASES = [
  "webhooks-schemas-4",
  "webhooks-schemas-5",
  "webhooks-schemas-6",
  "webhooks-schemas-7-0",
  "webhooks-schemas-7-3",
  "webhooks-schemas-7-6",
] as const;

export type WebhookRelease = (typeof WEBHOOK_RELEASES)[number];

export interface WebhookEvent {
  /** The event as GitHub names it (`issues`, `pull_request_review_comment`, `push`). */
  readonly event: string;
  /** The catalog subject: the event name in kebab-case (`pull-request-review-comment`). */
  readonly subject: string;
  /** A standalone draft-07 schema: the event's payload plus exactly the definitions it reaches. */
  readonly schema: JsonObject;
}

export interface AsyncapiSpecVersion {
  /** The specification version (`2.0.0-rc2`, `3.1.0`). */
  readonly version: string;
  readonly schema: JsonObject;
}

const require = createRequire(import.meta.url);
const DRAFT_07 = "http://json-schema.org/draft-07/schema#";

const loaded = new Map<string, JsonObject>();

/** Parsed once per process: each release is 300-400 KB of JSON and many tests read it. */
function loadJson(path: string): JsonObject {
  let value = loaded.get(path);
  if (!value) {
    value = JSON.parse(readFileSync(path, "utf8")) as JsonObject;
    loaded.set(path, value);
  }
  return value;
}

function releaseBundle(release: WebhookRelease): JsonObject {
  return loadJson(require.resolve(`${release}/schema.json`));
}

/**
 * The definitions the bundle's top-level `oneOf` lists as events, e.g. `issues_event` (itself a
 * `oneOf` over `issues$opened`, `issues$closed`...) or `push$event` for single-action events.
 */
function eventDefinitionNames(bundle: JsonObject): string[] {
  const branches = Array.isArray(bundle.oneOf) ? bundle.oneOf : [];
  return branches.flatMap((branch) =>
    isJsonObject(branch) && typeof branch.$ref === "string"
      ? [branch.$ref.replace("#/definitions/", "")]
      : [],
  );
}

function eventName(definition: string): string {
  return definition.replace(/(_event|\$event)$/, "");
}

const LOCAL_DEFINITION_REF = /^#\/definitions\/([^/]+)$/;

/** The definition names one schema value refers to directly (`#/definitions/<name>`). */
function directRefs(value: Json, into: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) directRefs(item, into);
    return;
  }
  if (!isJsonObject(value)) return;
  for (const [key, child] of Object.entries(value)) {
    if (key === "$ref" && typeof child === "string") {
      const match = LOCAL_DEFINITION_REF.exec(child);
      if (!match) throw new Error(`webhook schemas: unexpected $ref ${child}`);
      into.add(decodePointerToken(match[1] as string));
    } else {
      directRefs(child, into);
    }
  }
}

function decodePointerToken(token: string): string {
  return token.replace(/~1/g, "/").replace(/~0/g, "~");
}

/** Every definition reached from `start`, transitively, sorted by name. */
function reachedDefinitions(definitions: JsonObject, start: Json): string[] {
  const seen = new Set<string>();
  const queue = new Set<string>();
  directRefs(start, queue);
  const pending = [...queue];
  while (pending.length > 0) {
    const name = pending.pop() as string;
    if (seen.has(name)) continue;
    const target = definitions[name];
    if (target === undefined) throw new Error(`webhook schemas: $ref to missing definition ${name}`);
    seen.add(name);
    const next = new Set<string>();
    directRefs(target, next);
    for (const found of next) if (!seen.has(found)) pending.push(found);
  }
  return [...seen].sort();
}

/** The event definition names present in every release, in the oldest release's order. */
function commonEventDefinitions(): string[] {
  const [first, ...rest] = WEBHOOK_RELEASES.map((release) => eventDefinitionNames(releaseBundle(release)));
  const others = rest.map((names) => new Set(names));
  return (first ?? []).filter((name) => others.every((names) => names.has(name)));
}

/**
 * Each event present in all six releases, as that release describes it: a standalone draft-07
 * schema whose `definitions` bundle exactly what the payload reaches, so every `$ref` stays local.
 * Sorted by event name, the same list in every release (54 events).
 */
export function webhookEvents(release: WebhookRelease): WebhookEvent[] {
  const bundle = releaseBundle(release);
  const definitions = bundle.definitions as JsonObject;
  return commonEventDefinitions()
    .map((definition) => {
      const payload = definitions[definition];
      if (!isJsonObject(payload)) throw new Error(`webhook schemas: ${definition} is not a schema object`);
      const reached = reachedDefinitions(definitions, payload);
      const event = eventName(definition);
      // Copies, so a test that edits a schema never changes what the next caller gets.
      const schema: JsonObject = structuredClone({
        $schema: DRAFT_07,
        ...payload,
        definitions: Object.fromEntries(reached.map((name) => [name, definitions[name] as Json])),
      });
      return { event, subject: event.replace(/_/g, "-"), schema };
    })
    .sort((a, b) => (a.event < b.event ? -1 : a.event > b.event ? 1 : 0));
}

export interface WebhookCatalogOptions {
  /** How many subjects (the first N events by name); all 54 by default. */
  readonly subjects?: number;
  /** The catalog's compatibility mode; FULL_TRANSITIVE by default, the heaviest check. */
  readonly compatibility?: string;
}

export interface WrittenCatalog {
  readonly dir: string;
  readonly subjects: readonly string[];
  /** Versions per subject: one per release, v1 the oldest. */
  readonly versions: number;
}

/**
 * Writes an Accord catalog of the webhook events: `accord.yaml` and one folder per subject with a
 * `subject.yaml` and `v1.json`..`v6.json`, one version per release in release order. The versions
 * are the published schemas as they are (breaking changes included), so `accord check` finds
 * what a team adopting Accord on these contracts would find.
 */
export function writeWebhookCatalog(dir: string, options: WebhookCatalogOptions = {}): WrittenCatalog {
  const byRelease = WEBHOOK_RELEASES.map((release) => webhookEvents(release));
  const events = (byRelease[0] ?? []).slice(0, options.subjects ?? Number.POSITIVE_INFINITY);
  writeSettings(
    dir,
    "A catalog of GitHub's published webhook payload schemas, one version per release.",
    options.compatibility,
  );
  events.forEach((event, index) => {
    const folder = join(dir, "schemas", event.subject);
    mkdirSync(folder, { recursive: true });
    writeFileSync(
      join(folder, "subject.yaml"),
      [
        `description: GitHub's "${event.event}" webhook payload, as published in @octokit/webhooks-schemas.`,
        "owners: [github]",
        `topic: github.webhooks.${event.event}`,
        "tags: [github, webhooks]",
        "",
      ].join("\n"),
    );
    byRelease.forEach((release, version) => {
      const schema = release[index];
      if (schema?.event !== event.event) throw new Error(`webhook releases disagree on event ${index}`);
      writeFileSync(join(folder, `v${version + 1}.json`), `${JSON.stringify(schema.schema, null, 2)}\n`);
    });
  });
  return { dir, subjects: events.map((event) => event.subject), versions: byRelease.length };
}

/** accord.yaml of a catalog of published schemas (draft-07, FULL_TRANSITIVE unless told). */
function writeSettings(dir: string, comment: string, compatibility = "FULL_TRANSITIVE"): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "accord.yaml"),
    [
      `# ${comment}`,
      "version: 1",
      `compatibility: ${compatibility}`,
      "defaultDraft: draft-07",
      "writersEmitOnlyDeclared: false",
      // The schemas are published as they are: their authors' style (no description on many
      // properties and on unions) is not what these tests are about.
      "lint:",
      "  preset: minimal",
      "exceptions: []",
      "",
    ].join("\n"),
  );
}

/** A published specification's schemas as the versions of one subject. */
export interface SpecificationSeries {
  readonly subject: string;
  /** subject.yaml's description. */
  readonly description: string;
  readonly schemas: readonly JsonObject[];
}

/** The CycloneDX BOM schemas 1.2 to 1.7 as six versions of `cyclonedx-bom`. */
export function cyclonedxSeries(): SpecificationSeries {
  return {
    subject: "cyclonedx-bom",
    description: "A CycloneDX software bill of materials, as published in @cyclonedx/cyclonedx-library.",
    schemas: cyclonedxSpecVersions().map((spec) => spec.schema),
  };
}

/** The draft-07 AsyncAPI specification schemas (2.0.0-rc2 to 3.1.0) as versions of `asyncapi-document`. */
export function asyncapiSeries(): SpecificationSeries {
  return {
    subject: "asyncapi-document",
    description: "An AsyncAPI document, as the schemas in @asyncapi/specs define it.",
    schemas: asyncapiSpecVersions().map((spec) => spec.schema),
  };
}

/** Writes a catalog (FULL_TRANSITIVE) of one subject whose versions are a series' schemas, in order. */
export function writeSeriesCatalog(dir: string, series: SpecificationSeries): WrittenCatalog {
  writeSettings(dir, `A catalog of one published specification's schemas: ${series.subject}.`);
  const folder = join(dir, "schemas", series.subject);
  mkdirSync(folder, { recursive: true });
  writeFileSync(
    join(folder, "subject.yaml"),
    `description: ${JSON.stringify(series.description)}\nowners: [platform]\n`,
  );
  series.schemas.forEach((schema, index) => {
    writeFileSync(join(folder, `v${index + 1}.json`), `${JSON.stringify(schema, null, 2)}\n`);
  });
  return { dir, subjects: [series.subject], versions: series.schemas.length };
}

const ASYNCAPI_FILE = /^(\d+)\.(\d+)\.(\d+)(?:-rc(\d+))?(-without-\$id)?\.json$/;

export interface AsyncapiOptions {
  /**
   * false (default): the `-without-$id` files, where every `$ref` is a local `#/definitions/...`
   * pointer, as Accord's catalog requires. true: the published files with an `$id` on every
   * bundled part (a bundled draft-07 meta-schema among them) and `$ref`s by absolute URI, which
   * exercise identifier resolution (issue 11, "Bundled meta-schemas").
   */
  readonly withIds?: boolean;
}

/**
 * The AsyncAPI specification schemas in version order (`2.0.0-rc1` < `2.0.0-rc2` < `2.0.0` ...).
 * Only the draft-07 ones (2.0.0-rc2 to 3.1.0): the 1.x schemas are draft-04, a draft Accord does
 * not read, and 2.0.0-rc1 is draft-04 in disguise (see below).
 */
export function asyncapiSpecVersions(options: AsyncapiOptions = {}): AsyncapiSpecVersion[] {
  const folder = join(dirname(require.resolve("@asyncapi/specs/package.json")), "schemas");
  const found: { key: number[]; version: string; schema: JsonObject }[] = [];
  for (const file of readdirSync(folder)) {
    const match = ASYNCAPI_FILE.exec(file);
    if (!match || Boolean(match[5]) === Boolean(options.withIds)) continue;
    const schema = loadJson(join(folder, file));
    if (typeof schema.$schema !== "string" || !schema.$schema.includes("draft-07")) continue;
    // 2.0.0-rc1 declares draft-07 but still bundles (and refers to) the draft-04 meta-schema,
    // whose boolean exclusiveMinimum is not valid draft-07: no validator accepts it as such.
    if (JSON.stringify(schema).includes("json-schema.org/draft-04/schema")) continue;
    const [major, minor, patch] = [match[1], match[2], match[3]].map(Number) as [number, number, number];
    // A release candidate sorts before its release: rc N is N, the release itself is +infinity.
    const rc = match[4] === undefined ? Number.POSITIVE_INFINITY : Number(match[4]);
    const version = `${major}.${minor}.${patch}${match[4] === undefined ? "" : `-rc${match[4]}`}`;
    found.push({ key: [major, minor, patch, rc], version, schema: structuredClone(schema) });
  }
  const compare = (a: number[], b: number[]) => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
    return 0;
  };
  return found.sort((a, b) => compare(a.key, b.key)).map(({ version, schema }) => ({ version, schema }));
}

export interface CyclonedxSpecVersion {
  /** The specification version (`1.2` ... `1.7`). */
  readonly version: string;
  /** The BOM schema with the schemas it refers to by file name embedded under their own `$id`. */
  readonly schema: JsonObject;
}

const CYCLONEDX_FILE = /^bom-(\d+)\.(\d+)\.SNAPSHOT\.schema\.json$/;
/** The companion schemas a BOM schema refers to by file name (`spdx.SNAPSHOT.schema.json`). */
const CYCLONEDX_COMPANIONS = /^([a-z0-9.-]+)\.SNAPSHOT\.schema\.json$/;

/**
 * The CycloneDX BOM schemas (1.2 to 1.7, draft-07; the non-strict series), each bundled the way
 * a team would bring it to a catalog: the BOM schema refers to companion files
 * (`spdx.SNAPSHOT.schema.json`, `jsf-0.82.SNAPSHOT.schema.json#/definitions/signature`), which
 * Accord never fetches, so each companion it uses is embedded under `definitions` with its own
 * `$id` and the references are rewritten to that `$id`. Large (up to 300 KB), with untyped `oneOf`
 * alternatives, `if`/`then` and embedded resources: a corpus unlike the webhook payloads.
 */
export function cyclonedxSpecVersions(): CyclonedxSpecVersion[] {
  const folder = join(dirname(require.resolve("@cyclonedx/cyclonedx-library/package.json")), "res", "schema");
  const files = readdirSync(folder);
  const companions = new Map<string, JsonObject>();
  for (const file of files) {
    if (CYCLONEDX_COMPANIONS.test(file) && !file.startsWith("bom-"))
      companions.set(file, loadJson(join(folder, file)));
  }
  const found: { key: [number, number]; version: string; schema: JsonObject }[] = [];
  for (const file of files) {
    const match = CYCLONEDX_FILE.exec(file);
    if (!match) continue;
    const schema = structuredClone(loadJson(join(folder, file)));
    const used = new Set<string>();
    rewriteCompanionRefs(schema, companions, used);
    const definitions = isJsonObject(schema.definitions) ? schema.definitions : {};
    for (const name of [...used].sort()) {
      definitions[`bundled-${name.replace(".SNAPSHOT.schema.json", "")}`] = structuredClone(
        companions.get(name) as JsonObject,
      );
    }
    schema.definitions = definitions;
    const [major, minor] = [Number(match[1]), Number(match[2])];
    found.push({ key: [major, minor], version: `${major}.${minor}`, schema });
  }
  return found
    .sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1])
    .map(({ version, schema }) => ({ version, schema }));
}

/** `$ref: "<companion file>#..."` becomes `$ref: "<companion $id>#..."`, noting each companion used. */
function rewriteCompanionRefs(
  node: Json,
  companions: ReadonlyMap<string, JsonObject>,
  used: Set<string>,
): void {
  if (Array.isArray(node)) {
    for (const item of node) rewriteCompanionRefs(item, companions, used);
    return;
  }
  if (!isJsonObject(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === "$ref" && typeof value === "string") {
      const hash = value.indexOf("#");
      const file = hash < 0 ? value : value.slice(0, hash);
      const companion = companions.get(file);
      if (companion && typeof companion.$id === "string") {
        node.$ref = companion.$id + (hash < 0 ? "" : value.slice(hash));
        used.add(file);
      }
    } else rewriteCompanionRefs(value, companions, used);
  }
}
