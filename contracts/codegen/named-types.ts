import { ok, type Result } from "../errors.js";
import { canonicalJson } from "../schema/canonical.js";
import { parsePointer, resolvePointer } from "../schema/pointer.js";
import { indexRefs } from "../schema/refs.js";
import type { Json } from "../schema/types.js";
import { walkSchema } from "../schema/walk.js";
import { pascalCase, uniqueName } from "./naming.js";
import { declarationSchema, type TypeSchemaContext, withoutDescriptions } from "./type-schema.js";
import type { PlannedSubject, PlannedVersion } from "./types.js";

/**
 * Which types a subject's version modules declare, and where. json-schema-to-typescript, run per
 * file, re-declares every `$ref`'d type in every file; here each distinct named type of a subject
 * is declared once, in the module of the first version that has it, and later versions import it.
 *
 * Named schemas are `$ref` targets and titled sub-schemas. Two of them (in one version or in
 * different versions) are the same type when they have the same base name, the same type-level
 * content, and refer to the same types in the same places; that last part is a fixpoint
 * (partition refinement), because types refer to each other, recursively too.
 *
 * Names are stable as versions are appended: the first variant of a name keeps the bare name
 * (`Money`); a later, different variant is named after the version that introduced it (`MoneyV3`).
 * Descriptions do not make a type different (versions often reword them); a shared type keeps
 * the descriptions of the version that first declared it.
 */

export interface TypeDeclaration {
  readonly name: string;
  /** json-schema-to-typescript input; other declared types appear as `{ tsType: "<Name>" }`. */
  readonly schema: Json;
}

export interface VersionTypes {
  readonly version: number;
  /** The version's own type (`OrderPlacedV2`). */
  readonly root: TypeDeclaration;
  /** Shared named types first declared in this version, in discovery order. */
  readonly declared: readonly TypeDeclaration[];
  /** Types declared by earlier versions' modules that this module refers to, sorted by name. */
  readonly imports: readonly { readonly name: string; readonly module: string }[];
  /** Every type name this module exports. */
  readonly exports: readonly string[];
}

interface NamedNode {
  readonly id: number;
  readonly version: PlannedVersion;
  readonly pointer: string;
  readonly baseName: string;
  /** Class keys: the structure with references blanked, then refined by what it refers to. */
  readonly localKey: string;
  /** What the node refers to, in order: node ids, or `root` for its own version's root type. */
  readonly refs: readonly (number | "root")[];
}

interface VersionIndex {
  readonly version: PlannedVersion;
  readonly refTargets: Map<string, string>;
  readonly titled: Set<string>;
  /** Pointer → named node id, for the nodes discovered in this version. */
  readonly ids: Map<string, number>;
  /** Named nodes in discovery order. */
  readonly order: number[];
}

/** The type declarations of every version module of a subject. `taken` holds names already exported. */
export function planSubjectTypes(
  subject: PlannedSubject,
  taken: ReadonlySet<string>,
): Result<VersionTypes[]> {
  const nodes: NamedNode[] = [];
  const indexes: VersionIndex[] = [];
  for (const version of subject.versions) {
    const index = indexVersion(version);
    if (!index.ok) return index;
    discover(index.value, nodes);
    indexes.push(index.value);
  }
  const classOf = refine(nodes);
  const names = nameClasses(nodes, classOf, taken);

  return ok(
    indexes.map((index) => {
      const version = index.version;
      const nameOf = (pointer: string): string => {
        if (pointer === "#") return version.typeName;
        const id = index.ids.get(pointer) as number;
        return names.byClass.get(classOf[id] as number)?.name as string;
      };
      const referenced = new Set<string>();
      const context = contextFor(index, (pointer) => {
        const name = nameOf(pointer);
        referenced.add(name);
        return name;
      });
      const root = { name: version.typeName, schema: declarationSchema(version.document.root, "#", context) };
      const declared: TypeDeclaration[] = [];
      for (const id of index.order) {
        const entry = names.byClass.get(classOf[id] as number);
        if (!entry || entry.representative !== id) continue;
        const node = nodes[id] as NamedNode;
        const schema = declarationSchema(
          resolvePointer(version.document.root, node.pointer) ?? true,
          node.pointer,
          context,
        );
        declared.push({ name: entry.name, schema });
      }
      const own = new Set([root.name, ...declared.map((declaration) => declaration.name)]);
      const imports = [...referenced]
        .filter((name) => !own.has(name))
        .sort()
        .map((name) => ({ name, module: names.moduleOf.get(name) as string }));
      return { version: version.version, root, declared, imports, exports: [...own] };
    }),
  );
}

function indexVersion(version: PlannedVersion): Result<VersionIndex> {
  const { root, draft, source } = version.document;
  const refs = indexRefs(root, draft, { source });
  if (!refs.ok) return refs;
  const refTargets = new Map<string, string>();
  for (const ref of refs.value) {
    const holder = ref.pointer.slice(0, ref.pointer.lastIndexOf("/"));
    if (!refTargets.has(holder)) refTargets.set(holder, ref.target);
  }
  const titled = new Set<string>();
  walkSchema(root, undefined, ({ node, pointer, certain }) => {
    if (certain && pointer !== "#" && node !== null && typeof node === "object" && !Array.isArray(node)) {
      if (typeof node.title === "string" && pascalCase(node.title) !== "") titled.add(pointer);
    }
  });
  return ok({ version, refTargets, titled, ids: new Map(), order: [] });
}

function contextFor(index: VersionIndex, nameOf: (pointer: string) => string): TypeSchemaContext {
  const targets = new Set(index.refTargets.values());
  return {
    draft: index.version.document.draft,
    refTargets: index.refTargets,
    isNamed: (pointer) => pointer !== "#" && (targets.has(pointer) || index.titled.has(pointer)),
    nameOf,
  };
}

/** Walks from the root through type-level copies, registering every named schema reached. */
function discover(index: VersionIndex, nodes: NamedNode[]): void {
  const root = index.version.document.root;
  const queue: string[] = ["#"];
  const idOf = (pointer: string): number => {
    let id = index.ids.get(pointer);
    if (id === undefined) {
      id = -1;
      index.ids.set(pointer, id);
      queue.push(pointer);
    }
    return id;
  };
  const pending = new Map<string, { localKey: string; refs: (string | "root")[] }>();
  while (queue.length > 0) {
    const pointer = queue.shift() as string;
    const refs: string[] = [];
    const context = contextFor(index, (target) => {
      refs.push(target);
      if (target !== "#") idOf(target);
      return "";
    });
    const schema = declarationSchema(resolvePointer(root, pointer) ?? true, pointer, context);
    if (pointer !== "#") pending.set(pointer, { localKey: canonicalJson(withoutDescriptions(schema)), refs });
  }
  // Ids in discovery order, then references resolved to ids.
  for (const pointer of pending.keys()) {
    index.ids.set(pointer, nodes.length + index.order.length);
    index.order.push(nodes.length + index.order.length);
  }
  for (const [pointer, entry] of pending) {
    const id = index.ids.get(pointer) as number;
    const node = resolvePointer(root, pointer);
    nodes[id] = {
      id,
      version: index.version,
      pointer,
      baseName: baseNameOf(node, pointer),
      localKey: entry.localKey,
      refs: entry.refs.map((target) => (target === "#" ? "root" : (index.ids.get(target) as number))),
    };
  }
}

/** Classes of equal types: start from (base name, local structure), split until references agree. */
function refine(nodes: readonly NamedNode[]): number[] {
  let classOf = assignClasses(nodes.map((node) => `${node.baseName}\n${node.localKey}`));
  for (;;) {
    const keys = nodes.map((node) => {
      const refs = node.refs.map((ref) =>
        ref === "root" ? `root:${node.version.version}` : String(classOf[ref]),
      );
      return `${classOf[node.id]}|${refs.join(",")}`;
    });
    const next = assignClasses(keys);
    if (Math.max(-1, ...next) === Math.max(-1, ...classOf)) return next;
    classOf = next;
  }
}

function assignClasses(keys: readonly string[]): number[] {
  const seen = new Map<string, number>();
  return keys.map((key) => {
    let id = seen.get(key);
    if (id === undefined) {
      id = seen.size;
      seen.set(key, id);
    }
    return id;
  });
}

interface ClassNames {
  readonly byClass: Map<number, { readonly name: string; readonly representative: number }>;
  /** Type name → module (`v1`) declaring it. */
  readonly moduleOf: Map<string, string>;
}

function nameClasses(
  nodes: readonly NamedNode[],
  classOf: readonly number[],
  taken: ReadonlySet<string>,
): ClassNames {
  const used = new Set(taken);
  const bases = new Set<string>();
  const byClass = new Map<number, { name: string; representative: number }>();
  const moduleOf = new Map<string, string>();
  // Node ids run in version order, then discovery order: the first node of a class is its earliest.
  for (const node of nodes) {
    const cls = classOf[node.id] as number;
    if (byClass.has(cls)) continue;
    const candidate = bases.has(node.baseName) ? `${node.baseName}V${node.version.version}` : node.baseName;
    bases.add(node.baseName);
    const name = uniqueName(candidate, used);
    used.add(name);
    byClass.set(cls, { name, representative: node.id });
    moduleOf.set(name, node.version.module);
  }
  return { byClass, moduleOf };
}

/** Keywords holding a map of names to schemas: the token after one names the schema. */
const NAMING_MAPS = new Set(["$defs", "definitions", "properties", "patternProperties", "dependentSchemas"]);

/**
 * `title` when it has letters or digits; else the path after the last named map entry
 * (`#/$defs/money` → `Money`, `#/properties/tags/items` → `TagsItems`, `#/anyOf/0` → `AnyOf0`).
 */
function baseNameOf(node: Json | undefined, pointer: string): string {
  if (node !== null && typeof node === "object" && !Array.isArray(node) && typeof node.title === "string") {
    const fromTitle = pascalCase(node.title);
    if (fromTitle !== "") return fromTitle;
  }
  const tokens = parsePointer(pointer) ?? [];
  let start = 0;
  tokens.forEach((token, index) => {
    if (NAMING_MAPS.has(token) && index < tokens.length - 1) start = index + 1;
  });
  return pascalCase(tokens.slice(start).join(" ")) || "Type";
}
