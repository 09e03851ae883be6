/**
 * Confluent's schema contexts: a subject name may carry a context, `:.ctx:orders`, and each
 * context is a registry of its own for schema ids (id 1 in `.ctx` and id 1 in the default context
 * `.` are different schemas). A subject without a context prefix is in the default context, and
 * `:.:orders` is the same subject as `orders`. Subjects are stored under their qualified name
 * (`orders`, `:.ctx:orders`), which is also the name every response carries.
 *
 * Pure functions over names; the stores and routes call them.
 */

/** The context of every unqualified subject. */
export const DEFAULT_CONTEXT = ".";

/** `subjectPrefix` that lists every context (Confluent's default). */
export const ALL_CONTEXTS = ":*:";

export interface QualifiedName {
  /** `.` for the default context, else `.name`. */
  readonly context: string;
  /** The subject within its context; empty when the name denotes a context (`:.ctx:`). */
  readonly name: string;
}

/**
 * Splits `:.ctx:orders` into context `.ctx` and name `orders`; anything not starting with `:.`
 * is a name in the default context. `:.ctx` (no closing colon) names the context with no subject.
 */
export function splitQualified(subject: string): QualifiedName {
  if (!subject.startsWith(":.")) return { context: DEFAULT_CONTEXT, name: subject };
  const close = subject.indexOf(":", 2);
  if (close < 0) return { context: subject.slice(1), name: "" };
  return { context: subject.slice(1, close), name: subject.slice(close + 1) };
}

/** The stored form: `name` in the default context, `:.ctx:name` in another. */
export function qualify(context: string, name: string): string {
  return context === DEFAULT_CONTEXT ? name : `:${context}:${name}`;
}

/** `:.:orders` → `orders`; other names unchanged. */
export function normalizeSubject(subject: string): string {
  const { context, name } = splitQualified(subject);
  return qualify(context, name);
}

export function contextOf(subject: string): string {
  return splitQualified(subject).context;
}

/**
 * The subject a schema reference names, seen from the schema holding the reference: a reference
 * without a context is in the referring schema's context (as Confluent resolves it).
 */
export function referenceTarget(referenceSubject: string, referrerContext: string): string {
  const { context, name } = splitQualified(referenceSubject);
  if (context !== DEFAULT_CONTEXT) return qualify(context, name);
  return qualify(referrerContext, name);
}

/**
 * Confluent's `subjectPrefix` for listings, as a test over stored (qualified) names:
 * - `:*:` (the default) lists every context, `:*:ord` names starting with `ord` in every context;
 * - `:.:` the default context only, `:.ctx:` the context `.ctx`, `:.ctx:ord` its names starting with `ord`;
 * - `:.ct` (no closing colon) every context whose name starts with `.ct`;
 * - any other text is a name prefix in the default context.
 * `storePrefix` narrows the store's scan; `matches` decides.
 */
export function subjectPrefixFilter(prefix: string | undefined): {
  readonly storePrefix?: string;
  readonly matches: (subject: string) => boolean;
} {
  if (prefix === undefined || prefix === ALL_CONTEXTS) return { matches: () => true };
  if (prefix.startsWith(ALL_CONTEXTS)) {
    const start = prefix.slice(ALL_CONTEXTS.length);
    return { matches: (subject) => splitQualified(subject).name.startsWith(start) };
  }
  if (prefix.startsWith(":.") && prefix.indexOf(":", 2) < 0) {
    const start = prefix.slice(1);
    return {
      storePrefix: prefix,
      matches: (subject) => contextOf(subject) !== DEFAULT_CONTEXT && contextOf(subject).startsWith(start),
    };
  }
  const { context, name } = splitQualified(prefix);
  const storePrefix = qualify(context, name);
  return {
    ...(storePrefix === "" ? {} : { storePrefix }),
    matches: (subject) => contextOf(subject) === context,
  };
}

/** Contexts in Confluent's order: the default one first, then the others sorted. */
export function sortContexts(contexts: Iterable<string>): string[] {
  const others = [...new Set(contexts)].filter((context) => context !== DEFAULT_CONTEXT).sort();
  return [DEFAULT_CONTEXT, ...others];
}
