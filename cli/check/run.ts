import { CONFIG_FILE, parseConfig } from "../../contracts/catalog/config.js";
import { loadCatalog } from "../../contracts/catalog/load.js";
import type { Catalog, CatalogFiles } from "../../contracts/catalog/types.js";
import { unwrap } from "../../contracts/errors.js";
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
import { countVersionFiles, gateInSlices, workerCount } from "./parallel.js";
import { registryVerdicts } from "./registry-check.js";
import { withRegistryConsumers } from "./registry-consumers.js";

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

export async function checkCatalog(options: CheckOptions): Promise<CheckOutcome> {
  const inputs = await readInputs(options);
  const scope = inputs.base ? "changes" : "all-versions";
  const finish = { scope, today: options.today, subjectsTotal: inputs.subjectsTotal } as const;
  const baseRef = inputs.base ? { base: inputs.base.ref } : {};

  // The registry check needs every subject's newest version in one place, so it stays sequential.
  const workers = options.registry ? 0 : workerCount(countVersionFiles(inputs.head));
  if (workers > 0) {
    const sliced = await gateInSlices(inputs.head, inputs.base?.files, {
      workers,
      allowUndetermined: options.allowUndetermined,
      onProgress: options.onProgress,
    });
    if (!sliced.ok) {
      throw sliced.from === "head"
        ? workingTreeFailure(sliced.error, options.dir)
        : baseFailure(sliced.error, options.against ?? "");
    }
    // Every slice loaded accord.yaml already, so it parses.
    const config = unwrap(parseConfig(inputs.head.get(CONFIG_FILE) ?? ""));
    return { report: finishGate(sliced.parts, { ...finish, config }), ...baseRef };
  }

  const head = loadCatalog(inputs.head);
  if (!head.ok) throw workingTreeFailure(head.error, options.dir);
  let base: Catalog | undefined;
  if (inputs.base && !inputs.base.files.has(CONFIG_FILE)) base = { config: head.value.config, subjects: [] };
  else if (inputs.base) {
    const loaded = loadCatalog(inputs.base.files, { reuse: head.value });
    if (!loaded.ok) throw baseFailure(loaded.error, options.against ?? "");
    base = loaded.value;
  }
  const registry = options.registry ? await registryVerdicts(head.value, options.registry) : undefined;
  const gated = options.registry
    ? await withRegistryConsumers(head.value, options.registry, options.warn)
    : head.value;
  const part = gatePart({
    head: gated,
    ...(base ? { base } : {}),
    allowUndetermined: options.allowUndetermined,
    ...(registry ? { registry } : {}),
    onProgress: options.onProgress,
  });
  const report = finishGate([part], {
    ...finish,
    config: head.value.config,
    ...(registry ? { registry } : {}),
  });
  return { report, ...baseRef };
}
