import { CONFIG_FILE, parseConfig } from "../contracts/catalog/config.js";
import { loadCatalog } from "../contracts/catalog/load.js";
import type { Catalog, CatalogFiles } from "../contracts/catalog/types.js";
import { unwrap } from "../contracts/errors.js";
import { finishGate, type GateReport, runGate } from "../contracts/gate/index.js";
import {
  type BaseRef,
  baseFailure,
  readCatalogFiles,
  readCatalogFilesAtRef,
  resolveBaseRef,
  workingTreeFailure,
} from "./catalog-io.js";
import { countVersionFiles, gateInSlices, workerCount } from "./parallel-gate.js";
import { registryVerdicts } from "./registry-check.js";

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

export async function checkCatalog(options: CheckOptions): Promise<CheckOutcome> {
  const headFiles = await readCatalogFiles(options.dir);
  let base: { ref: BaseRef; files: CatalogFiles } | undefined;
  if (options.against !== undefined) {
    const ref = await resolveBaseRef(options.dir, options.against);
    if (ref.resolved !== options.against)
      options.warn(`no local ref "${options.against}"; comparing with ${ref.resolved}`);
    const files = await readCatalogFilesAtRef(options.dir, ref.commit);
    if (!files.has(CONFIG_FILE))
      options.warn(`${options.against} has no accord.yaml here: every subject counts as new`);
    base = { ref, files };
  }
  const scope = base ? "changes" : "all-versions";

  // The registry check needs every subject's newest version in one place, so it stays sequential.
  const workers = options.registry ? 0 : workerCount(countVersionFiles(headFiles));
  if (workers > 0) {
    const sliced = await gateInSlices(headFiles, base?.files, {
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
    const config = unwrap(parseConfig(headFiles.get(CONFIG_FILE) ?? ""));
    const report = finishGate(sliced.parts, { config, scope, today: options.today });
    return { report, ...(base ? { base: base.ref } : {}) };
  }

  const head = loadCatalog(headFiles);
  if (!head.ok) throw workingTreeFailure(head.error, options.dir);
  let baseCatalog: Catalog | undefined;
  if (base) {
    if (!base.files.has(CONFIG_FILE)) baseCatalog = { config: head.value.config, subjects: [] };
    else {
      const loaded = loadCatalog(base.files, { reuse: head.value });
      if (!loaded.ok) throw baseFailure(loaded.error, options.against ?? "");
      baseCatalog = loaded.value;
    }
  }
  const registry = options.registry ? await registryVerdicts(head.value, options.registry) : undefined;
  const report = runGate({
    head: head.value,
    ...(baseCatalog ? { base: baseCatalog } : {}),
    today: options.today,
    allowUndetermined: options.allowUndetermined,
    ...(registry ? { registry } : {}),
    onProgress: options.onProgress,
  });
  return { report, ...(base ? { base: base.ref } : {}) };
}
