import { type ChildProcess, spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_FILES } from "../contracts/docs/fixture.js";
import { REPO_ROOT, runCli } from "./helpers.js";

const BIN = fileURLToPath(new URL("../../bin/run.js", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "accord-e2e-docs-"));
const children: ChildProcess[] = [];

function writeFiles(dir: string, files: ReadonlyMap<string, string>): string {
  for (const [path, text] of files) {
    const target = join(dir, ...path.split("/"));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  return dir;
}

function fresh(name: string): string {
  const dir = join(work, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

const read = (path: string): string => readFileSync(path, "utf8");

/** The built CLI with its cache in this test's folder, never in the user's home. */
const CACHE = join(work, "cache");
function docs(args: readonly string[], timeoutMs?: number) {
  return runCli(["docs", ...args], { env: { XDG_CACHE_HOME: CACHE }, ...(timeoutMs ? { timeoutMs } : {}) });
}

/** Spawns the built CLI and resolves once a stdout line matches. */
function startCli(
  args: readonly string[],
  ready: RegExp,
): Promise<{ child: ChildProcess; match: RegExpExecArray; exited: Promise<number | null> }> {
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_CACHE_HOME: CACHE };
  delete env.NODE_ENV;
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: REPO_ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  let out = "";
  let err = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no match for ${ready}: ${out}${err}`)), 30_000);
    child.stderr?.on("data", (chunk: Buffer) => {
      err += chunk.toString("utf8");
    });
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      const match = ready.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, match, exited });
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before ${ready}: ${out}${err}`));
    });
  });
}

let catalog: string;

beforeAll(() => {
  if (!existsSync(join(REPO_ROOT, "dist", "cli", "commands", "docs.js"))) {
    throw new Error("dist/ is missing: run `npm run build` before the e2e tests");
  }
  catalog = writeFiles(fresh("catalog"), FIXTURE_FILES);
});

afterAll(() => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  rmSync(work, { recursive: true, force: true });
});

describe("accord docs", () => {
  it("builds the HTML site from the catalog and says where to open it", async () => {
    const out = join(work, "site");
    const result = await docs(["--catalog", catalog, "--out", out]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Wrote 12 files for 5 events \(8 versions\) to .*site in \d+\.\d s\.$/m);
    expect(result.stdout).toContain(`Open file://${join(out, "index.html")}`);
    expect(read(join(out, "index.html"))).toContain("<h1>Shop events</h1>");
    expect(read(join(out, "subjects", "order-placed.html"))).toContain('<section class="version" id="v3"');
    expect(JSON.parse(read(join(out, ".accord-docs.json"))).formats.html).toHaveLength(12);
  });

  it("prints a JSON result under --json", async () => {
    const result = await docs([
      "--catalog",
      catalog,
      "--out",
      join(work, "site-json"),
      "--json",
      "--no-cache",
    ]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      format: "html",
      source: "catalog",
      subjects: 5,
      versions: 8,
      files: 12,
      removed: 0,
      warnings: [],
      threads: 1,
      cached: 0,
    });
  });

  it("removes the pages of a subject that is gone, and only those", async () => {
    const dir = writeFiles(fresh("shrinking"), FIXTURE_FILES);
    const out = join(work, "shrinking-site");
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, "CNAME"), "docs.example.com\n");
    expect((await docs(["--catalog", dir, "--out", out])).code).toBe(0);
    rmSync(join(dir, "schemas", "audit-entry"), { recursive: true });
    const again = await docs(["--catalog", dir, "--out", out, "--json"]);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ subjects: 4, removed: 1 });
    expect(existsSync(join(out, "subjects", "audit-entry.html"))).toBe(false);
    expect(existsSync(join(out, "subjects", "order-placed.html"))).toBe(true);
    expect(read(join(out, "CNAME"))).toBe("docs.example.com\n");
  });

  it("refuses to overwrite a file it did not write, and writes nothing", async () => {
    const out = fresh("foreign");
    writeFileSync(join(out, "index.html"), "<p>hand-made</p>");
    const result = await docs(["--catalog", catalog, "--out", out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^accord: .*index\.html already exists and accord docs did not write it; refusing to overwrite it\n$/,
    );
    expect(read(join(out, "index.html"))).toBe("<p>hand-made</p>");
    expect(existsSync(join(out, "subjects"))).toBe(false);
  });

  it("writes Markdown pages and an AsyncAPI document", async () => {
    const md = join(work, "md");
    const mdRun = await docs(["--catalog", catalog, "--out", md, "--format", "markdown"]);
    expect(mdRun.code).toBe(0);
    expect(read(join(md, "README.md"))).toContain("# Shop events");
    expect(existsSync(join(md, "subjects", "payment-captured.md"))).toBe(true);

    const api = join(work, "api");
    const apiRun = await docs(["--catalog", catalog, "--out", api, "--format", "asyncapi", "--json"]);
    expect(apiRun.code).toBe(0);
    expect(JSON.parse(apiRun.stdout)).toMatchObject({ format: "asyncapi", files: 1 });
    const doc = JSON.parse(read(join(api, "asyncapi.json")));
    expect(doc.asyncapi).toBe("3.0.0");
    expect(Object.keys(doc.components.messages)).toHaveLength(8);
  });

  it("fails with one line and exit 2 on a broken schema, naming the file", async () => {
    const dir = writeFiles(fresh("broken"), FIXTURE_FILES);
    writeFileSync(join(dir, "schemas", "order-placed", "v2.json"), '{ "type": "object", }');
    const result = await docs(["--catalog", dir, "--out", join(work, "broken-site")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^accord: schemas\/order-placed\/v2\.json:1:\d+: .*\n$/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(work, "broken-site"))).toBe(false);
  });

  it("fails with exit 2 when the folder is not a catalog", async () => {
    const result = await docs(["--catalog", fresh("empty"), "--out", join(work, "x")]);
    expect(result.code).toBe(2);
    expect(result.stderr.split("\n").filter(Boolean)).toHaveLength(1);
  });

  it("rejects flag combinations that make no sense", async () => {
    const serveMd = await docs(["--catalog", catalog, "--format", "markdown", "--serve"]);
    expect(serveMd.code).toBe(2);
    expect(serveMd.stderr).toBe("accord: --serve serves the HTML site; drop --format or --serve\n");
    const portAlone = await docs(["--catalog", catalog, "--port", "5000"]);
    expect(portAlone.code).toBe(2);
    const badFormat = await docs(["--format", "pdf"]);
    expect(badFormat.code).toBe(2);
  });

  it("builds large catalogs on worker threads with the same result", async () => {
    // 120 subjects x 3 versions: above the size where the command splits the work across threads.
    const files = new Map<string, string>([["accord.yaml", "version: 1\n"]]);
    for (let i = 0; i < 120; i++) {
      const name = `event-${String(i).padStart(3, "0")}`;
      files.set(
        `schemas/${name}/subject.yaml`,
        `owners: [team-${i % 7}]\nproducers: [svc-${i % 5}]\ntags: [t${i % 3}]\n`,
      );
      for (let v = 1; v <= 3; v++) {
        const properties: Record<string, unknown> = { id: { type: "string" } };
        for (let p = 1; p <= v; p++) properties[`field${p}`] = { type: "integer", maximum: 10 * p };
        files.set(
          `schemas/${name}/v${v}.json`,
          JSON.stringify({ type: "object", properties, required: ["id"] }),
        );
      }
    }
    const dir = writeFiles(fresh("large"), files);
    const out = join(work, "large-site");
    const result = await docs(["--catalog", dir, "--out", out, "--json", "--no-cache"], 120_000);
    expect(result.stderr).toBe("");
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ subjects: 120, versions: 360, files: 127 });
    // Split across threads wherever the machine has more than one core.
    if (availableParallelism() > 1) expect(summary.threads).toBeGreaterThan(1);
    const page = read(join(out, "subjects", "event-119.html"));
    expect(page).toContain('<code title="field3">field3</code>');
    expect(page).toContain("Changes from v2");
    const index = read(join(out, "assets", "search-index.js"));
    expect(index).toContain('"event-000"');

    // An error in the last slice still fails the build, naming the file.
    writeFileSync(join(dir, "schemas", "event-119", "v3.json"), '{"type": 42}');
    const broken = await docs(["--catalog", dir, "--out", join(work, "large-broken"), "--no-cache"], 120_000);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^accord: schemas\/event-119\/v3\.json/);
  });

  it("rebuilds unchanged subjects from the cache, with the same pages", async () => {
    const dir = writeFiles(fresh("cached"), FIXTURE_FILES);
    const cacheDir = fresh("own-cache");
    const build = async (out: string) => {
      const result = await docs(["--catalog", dir, "--out", out, "--cache-dir", cacheDir, "--json"]);
      expect(result.code, result.stderr).toBe(0);
      return { ...result, json: JSON.parse(result.stdout) as { cached: number } };
    };
    const cold = (await build(join(work, "cold"))).json;
    expect(cold.cached).toBe(0);
    const warm = (await build(join(work, "warm"))).json;
    expect(warm.cached).toBe(5);
    for (const page of [
      "index.html",
      "subjects/order-placed.html",
      "subjects/payment-captured.html",
      "graph.html",
    ]) {
      expect(read(join(work, "warm", page)), page).toBe(read(join(work, "cold", page)));
    }
    // One subject edited: only that one is built again, and its page shows the edit.
    const v1 = join(dir, "schemas", "audit-entry", "v1.json");
    writeFileSync(v1, read(v1).replace('"actor"', '"performedBy"'));
    const edited = (await build(join(work, "warm"))).json;
    expect(edited.cached).toBe(4);
    expect(read(join(work, "warm", "subjects", "audit-entry.html"))).toContain("performedBy");
    // A damaged entry is a miss, not a failure.
    for (const name of readdirSync(cacheDir)) writeFileSync(join(cacheDir, name), "{not json");
    expect((await build(join(work, "warm"))).json.cached).toBe(0);
    // Settings that shape every page invalidate every entry.
    writeFileSync(join(dir, "accord.yaml"), "version: 1\ncompatibility: FULL\n");
    expect((await build(join(work, "warm"))).json.cached).toBe(0);
  });

  it("serves the site on localhost with --serve until interrupted", async () => {
    const out = join(work, "served");
    const { child, match, exited } = await startCli(
      ["docs", "--catalog", catalog, "--out", out, "--serve", "--port", "0"],
      /Serving .* at (http:\/\/127\.0\.0\.1:\d+\/)/,
    );
    const url = match[1] as string;
    const index = await fetch(url);
    expect(index.status).toBe(200);
    expect(index.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await index.text()).toContain("<h1>Shop events</h1>");
    const css = await fetch(`${url}assets/style.css`);
    expect(css.headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect((await fetch(`${url}subjects/order-placed.html`)).status).toBe(200);
    expect((await fetch(`${url}..%2f..%2f..%2fetc%2fpasswd`)).status).toBe(404);
    expect((await fetch(`${url}nope.html`)).status).toBe(404);
    expect((await fetch(url, { method: "POST" })).status).toBe(405);
    child.kill("SIGINT");
    expect(await exited).toBe(0);
  });

  it("documents what a registry holds with --registry", async () => {
    const data = fresh("registry-data");
    const { match } = await startCli(
      ["serve", "--host", "127.0.0.1", "--port", "0", "--data", data],
      /listening on (http:\/\/127\.0\.0\.1:\d+)/,
    );
    const registry = match[1] as string;
    const register = async (subject: string, schema: unknown): Promise<void> => {
      const response = await fetch(`${registry}/subjects/${subject}/versions`, {
        method: "POST",
        headers: { "content-type": "application/vnd.schemaregistry.v1+json" },
        body: JSON.stringify({ schemaType: "JSON", schema: JSON.stringify(schema) }),
      });
      expect(response.status).toBe(200);
    };
    // Closed, so adding an optional property is BACKWARD compatible and the registry accepts it.
    const v1 = {
      type: "object",
      properties: { id: { type: "string" } },
      required: ["id"],
      additionalProperties: false,
    };
    await register("orders-value", v1);
    await register("orders-value", { ...v1, properties: { ...v1.properties, note: { type: "string" } } });

    const out = join(work, "registry-site");
    const result = await docs(["--registry", registry, "--out", out, "--json"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ source: registry, subjects: 1, versions: 2 });
    const page = read(join(out, "subjects", "orders-value.html"));
    expect(page).toContain("<code>orders</code>");
    expect(page).toContain("registry orders-value v2 (id 2)");
    expect(page).toContain("Changes from v1");
    expect(read(join(out, "index.html"))).toContain(`the registry at <code>${registry}</code>`);
  });

  it("fails with exit 2 when the registry cannot be reached", async () => {
    const result = await docs(["--registry", "http://127.0.0.1:9", "--out", join(work, "nowhere")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^accord: cannot reach the registry at http:\/\/127\.0\.0\.1:9/);
  });
});
