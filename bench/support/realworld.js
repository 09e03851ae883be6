// The real-world catalog of test/support/realworld.ts (GitHub's webhook payload schemas, one
// version per release), written for a bench. The writer is TypeScript shared with the tests, so it
// runs under tsx (a devDependency) in a child process.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));

/** Writes the catalog into `dir`; returns its subject names. */
export function writeWebhookCatalog(dir, subjects) {
  const script = `import { writeWebhookCatalog } from ${JSON.stringify(join(root, "test/support/realworld.ts"))};
const written = writeWebhookCatalog(${JSON.stringify(dir)}, ${subjects === undefined ? "{}" : `{ subjects: ${Number(subjects)} }`});
process.stdout.write(JSON.stringify(written.subjects));`;
  const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: root,
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`writing the webhook catalog failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

/** Every version file of a catalog, parsed: [path, schema]. */
export function readVersionFiles(dir) {
  const files = [];
  for (const subject of readdirSync(join(dir, "schemas")).sort()) {
    for (const name of readdirSync(join(dir, "schemas", subject)).sort()) {
      if (/^v[0-9]+\.json$/.test(name)) {
        const path = join(dir, "schemas", subject, name);
        files.push([path, readFileSync(path, "utf8")]);
      }
    }
  }
  return files;
}

/**
 * The floor a check or a docs build of the catalog is measured against, in the same run: parsing
 * every version file, and ajv (with ajv-formats) compiling every schema, which any tool that
 * validates events against them pays.
 */
export async function measureFloor(files) {
  const { default: Ajv } = await import("ajv");
  const { default: addFormats } = await import("ajv-formats");
  let start = process.hrtime.bigint();
  const schemas = files.map(([, text]) => JSON.parse(text));
  const parseMs = Number(process.hrtime.bigint() - start) / 1e6;
  start = process.hrtime.bigint();
  for (const schema of schemas) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    ajv.compile(schema);
  }
  const compileMs = Number(process.hrtime.bigint() - start) / 1e6;
  return { parseMs, compileMs };
}
