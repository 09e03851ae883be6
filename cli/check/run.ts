import { CONFIG_FILE, parseConfig } from "../../contracts/catalog/config.js";
import type { CatalogFiles } from "../../contracts/catalog/types.js";
import { type AccordError, type AccordFailure, unwrap } from "../../contracts/errors.js";
import {
  filesOf,
  finishGate,
  type GateReport,
  gatePart,
  subjectCount,
  touchedSubjects,
} from "../../contracts/gate/index.js";
import {
  type BaseRef,
  baseFailure,
  readCatalogFiles,
  readCatalogFilesAtRef,
  resolveBaseRef,
  workingTreeFailure,
} from "../catalog-io.js";
import { workerCount } from "../pool.js";
import { gateInSlices, sliceInputs, versionFileUnits, WORK_UNITS_PER_THREAD } from "./parallel.js";
import { registryVerdicts } from "./registry-check.js";
import { withRegistryConsumers } from "./registry-consumers.js";
import { loadSlice, type SliceInput } from "./slice.js";

/**
 * What `accord check` does between parsing flags and printing: read the catalog (and the base),
 * ask the registry, run the gate, on worker threads when the catalog is large enough to gain.
 */

export interface CheckOptions {
  readonly dir: string;
  readonly against?: string;
  readonly registry?: string;
  readonly allowUndetermined: boolean;
  /** YYYY-MM-DD (UTC), for exception expiry. */
  readonly today: string;
  readonly warn: (message: string) => void;
  readonly onProgress: (done: number, total: number) => void;
}

export interface CheckOutcome {
  readonly report: GateReport;
  readonly base?: BaseRef;
}

interface Inputs {
  readonly head: CatalogFiles;
  readonly base?: { readonly ref: BaseRef; readonly files: CatalogFiles };
  readonly subjectsTotal: number;
}

/**
 * The files to check. Against a base, subjects whose files are the same on both sides are left
 * out: they cannot have findings, and loading them is most of the time on a large catalog. The
 * registry check asks about every subject, so it keeps them.
 */
async function readInputs(options: CheckOptions): Promise<Inputs> {
  const head = await readCatalogFiles(options.dir);
  const subjectsTotal = subjectCount(head);
  if (options.against === undefined) return { head, subjectsTotal };
  const ref = await resolveBaseRef(options.dir, options.against);
  if (ref.resolved !== options.against) {
    options.warn(`no local ref "${options.against}"; comparing with ${ref.resolved}`);
  }
  const files = await readCatalogFilesAtRef(options.dir, ref.commit);
  if (!files.has(CONFIG_FILE)) {
    options.warn(`${options.against} has no accord.yaml here: every subject counts as new`);
  }
  if (!files.has(CONFIG_FILE) || options.registry !== undefined) {
    return { head, base: { ref, files }, subjectsTotal };
  }
  const touched = touchedSubjects(head, files);
  return { head: filesOf(head, touched), base: { ref, files: filesOf(files, touched) }, subjectsTotal };
}

function loadFailure(
  failed: { from: "head" | "base"; error: AccordError },
  options: CheckOptions,
): AccordFailure {
  return failed.from === "head"
    ? workingTreeFailure(failed.error, options.dir)
    : baseFailure(failed.error, options.against ?? "");
}

export async function checkCatalog(options: CheckOptions): Promise<CheckOutcome> {
  const inputs = await readInputs(options);
  const scope = inputs.base ? "changes" : "all-versions";
  const finish = { scope, today: options.today, subjectsTotal: inputs.subjectsTotal } as const;
  const baseRef = inputs.base ? { base: inputs.base.ref } : {};

  // The registry check needs every subject's newest version in one place, so it stays sequential.
  const workers = options.registry ? 0 : workerCount(versionFileUnits(inputs.head), WORK_UNITS_PER_THREAD);
  if (workers > 0) {
    const sliced = await gateInSlices(inputs.head, inputs.base?.files, {
      workers,
      allowUndetermined: options.allowUndetermined,
      onProgress: options.onProgress,
    });
    if (!sliced.ok) throw loadFailure(sliced, options);
    // Every slice loaded accord.yaml already, so it parses.
    const config = unwrap(parseConfig(inputs.head.get(CONFIG_FILE) ?? ""));
    return { report: finishGate(sliced.parts, { ...finish, config }), ...baseRef };
  }

  // The sequential check is the parallel one's single slice, with the registry's verdicts added.
  const [input] = sliceInputs(inputs.head, inputs.base?.files, 1, options.allowUndetermined);
  const loaded = loadSlice(input as SliceInput);
  if (!loaded.ok) throw loadFailure(loaded, options);
  const { head, base } = loaded;
  const registry = options.registry ? await registryVerdicts(head, options.registry) : undefined;
  const gated = options.registry ? await withRegistryConsumers(head, options.registry, options.warn) : head;
  const part = gatePart({
    head: gated,
    ...(base ? { base } : {}),
    allowUndetermined: options.allowUndetermined,
    ...(registry ? { registry } : {}),
    onProgress: options.onProgress,
  });
  const report = finishGate([part], {
    ...finish,
    config: head.config,
    ...(registry ? { registry } : {}),
  });
  return { report, ...baseRef };
}
