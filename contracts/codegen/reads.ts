import { declaresPath } from "../consumers/declared.js";
import { declarationError } from "../consumers/reader.js";
import { parseReadPath } from "../consumers/reads.js";
import { fail, ok, type Result } from "../errors.js";
import { joinPointer } from "../schema/pointer.js";
import { indexRefs } from "../schema/refs.js";
import type { ConsumerReads } from "./config.js";
import type { CodegenSubject } from "./types.js";

/**
 * Checks `generate.reads` against the subjects generation reads and attaches each subject's read
 * paths. A subject named there must be one of them, and each path a well-formed read path that
 * the subject's latest version declares (what the consumer is built against): otherwise the
 * projection would promise a field the producer does not. Errors point at accord.yaml:line.
 */
export function attachReads(
  subjects: readonly CodegenSubject[],
  reads: ConsumerReads,
): Result<CodegenSubject[]> {
  const bySubject = new Map(subjects.map((subject) => [subject.subject, subject]));
  for (const [name, paths] of Object.entries(reads.subjects)) {
    const site = {
      file: reads.file,
      locate: reads.locate,
      pointer: joinPointer("#", "generate", "reads", name),
    };
    const subject = bySubject.get(name);
    if (!subject) {
      const known = [...bySubject.keys()].join(", ") || "none";
      return fail(
        declarationError(
          site,
          [],
          `generate.reads names subject "${name}", which is not generated (subjects: ${known})`,
        ),
      );
    }
    const latest = subject.versions[subject.versions.length - 1];
    if (!latest) continue;
    const refs = indexRefs(latest.document.root, latest.document.draft, { source: name });
    if (!refs.ok) return refs;
    for (const [index, path] of paths.entries()) {
      const parsed = parseReadPath(path);
      if (!parsed.ok)
        return fail(declarationError(site, [index], `generate.reads.${name} "${path}": ${parsed.reason}`));
      if (!declaresPath(latest.document.root, refs.value, parsed.tokens)) {
        return fail(
          declarationError(
            site,
            [index],
            `generate.reads.${name} reads ${path}, which ${name} v${latest.version} does not declare`,
          ),
        );
      }
    }
  }
  return ok(
    subjects.map((subject) => {
      const paths = reads.subjects[subject.subject];
      return paths ? { ...subject, reads: paths } : subject;
    }),
  );
}
