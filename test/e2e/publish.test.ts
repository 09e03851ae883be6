import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./helpers.js";
import { call, requireBuild, type ServeProcess, startServe, stopServe } from "./registry-processes.js";

/**
 * `accord publish` and `accord import` end to end: the built CLI against a real `accord serve`
 * child process on 127.0.0.1 with its own data folder.
 */

const work = mkdtempSync(join(tmpdir(), "accord-e2e-publish-"));
const catalog = join(work, "catalog");
let server: ServeProcess;

interface Entry {
  subject: string;
  registrySubject: string;
  version: number;
  id?: number;
  registryVersion?: number;
}

interface PublishJson {
  registry: string;
  dryRun: boolean;
  created: Entry[];
  existing: Entry[];
  rejected: (Entry & { message: string; ruleIds: string[] })[];
  planned: Entry[];
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, "utf8"));
}

beforeAll(async () => {
  requireBuild();
  server = await startServe({ dataDir: join(work, "data") });
  const init = await runCli(["init", catalog]);
  expect(init.code).toBe(0);
}, 60_000);

afterAll(async () => {
  if (server) await stopServe(server, "SIGKILL");
  rmSync(work, { recursive: true, force: true });
});

describe("accord publish", () => {
  it("--dry-run reads only and writes nothing", async () => {
    const run = await runCli(["publish", "--registry", server.url, "--dry-run", "--json"], { cwd: catalog });
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as PublishJson;
    expect(result.dryRun).toBe(true);
    expect(result.created).toEqual([]);
    expect(result.planned.map((entry) => entry.version)).toEqual([1, 2]);
    expect((await call(`${server.url}/subjects`, "GET")).body).toEqual([]);
  });

  it("registers every version, leaves the level in force alone, and returns the registry's ids", async () => {
    const run = await runCli(["publish", "--registry", server.url, "--json"], { cwd: catalog });
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as PublishJson;
    expect(result).toMatchObject({ registry: server.url, dryRun: false, existing: [], rejected: [] });
    expect(result.created).toEqual([
      { subject: "order-placed", registrySubject: "order-placed", version: 1, id: 1, registryVersion: 1 },
      { subject: "order-placed", registrySubject: "order-placed", version: 2, id: 2, registryVersion: 2 },
    ]);
    expect((await call(`${server.url}/subjects/order-placed/versions`, "GET")).body).toEqual([1, 2]);
    // The catalog's BACKWARD is already the level in force (the global default): no PUT /config,
    // which would need the admin role.
    expect((await call(`${server.url}/config/order-placed`, "GET")).status).toBe(404);
    expect((await call(`${server.url}/config/order-placed?defaultToGlobal=true`, "GET")).body).toEqual({
      compatibilityLevel: "BACKWARD",
    });
  });

  it("is idempotent: a second run finds every version existing", async () => {
    const run = await runCli(["publish", "--registry", server.url], { cwd: catalog });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("0 created, 2 existing, 0 rejected");
    expect(run.stdout).toMatch(/existing\s+order-placed v2 = order-placed version 2, id 2/);
    expect((await call(`${server.url}/subjects/order-placed/versions`, "GET")).body).toEqual([1, 2]);
  });

  it("exits 1 with the server's finding and rule id when a version is rejected", async () => {
    const v2 = readJson(join(catalog, "schemas/order-placed/v2.json")) as {
      properties: { currency: { enum: string[] } };
    };
    v2.properties.currency.enum = ["EUR", "USD"];
    writeFileSync(join(catalog, "schemas/order-placed/v3.json"), `${JSON.stringify(v2, null, 2)}\n`);

    const text = await runCli(["publish", "--registry", server.url], { cwd: catalog });
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/rejected\s+order-placed v3: .*\[enum-value-removed\]/);

    const run = await runCli(["publish", "--registry", server.url, "--json"], { cwd: catalog });
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout) as PublishJson;
    expect(result.created).toEqual([]);
    expect(result.existing).toHaveLength(2);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]).toMatchObject({
      subject: "order-placed",
      version: 3,
      ruleIds: ["enum-value-removed"],
    });
    expect(result.rejected[0]?.message).toContain("CHF");
    expect((await call(`${server.url}/subjects/order-placed/versions`, "GET")).body).toEqual([1, 2]);
  });

  it("takes the registry URL from accord.yaml, and without one is a usage error", async () => {
    const noUrl = await runCli(["publish", "--dir", catalog]);
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toContain("--registry");

    const other = join(work, "configured");
    expect((await runCli(["init", other])).code).toBe(0);
    const config = readFileSync(join(other, "accord.yaml"), "utf8");
    writeFileSync(
      join(other, "accord.yaml"),
      config.replace("# registry:\n#   url: http://localhost:8081", `registry:\n  url: ${server.url}`),
    );
    const run = await runCli(["publish", "--dir", other, "--dry-run"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("0 to register, 2 existing");
  });

  it("exits 2 with one line naming the URL when the registry is unreachable", async () => {
    const run = await runCli(["publish", "--registry", "http://127.0.0.1:9", "--dir", catalog]);
    expect(run.code).toBe(2);
    const lines = run.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("http://127.0.0.1:9");
  });
});

describe("accord import", () => {
  const imported = join(work, "imported");

  it("writes the registry's subjects as a catalog that accord check passes", async () => {
    // A subject level of its own, which import writes to subject.yaml (publish left the default alone).
    expect(
      (await call(`${server.url}/config/order-placed`, "PUT", { compatibility: "BACKWARD" })).status,
    ).toBe(200);
    const run = await runCli(["import", "--registry", server.url, imported, "--json"]);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { subjects: { subject: string; renumbered: boolean }[] };
    expect(result.subjects.map((subject) => subject.subject)).toEqual(["order-placed"]);

    expect(readdirSync(join(imported, "schemas"))).toEqual(["order-placed"]);
    expect(readdirSync(join(imported, "schemas/order-placed")).sort()).toEqual([
      "subject.yaml",
      "v1.json",
      "v2.json",
    ]);
    for (const file of ["v1.json", "v2.json"]) {
      expect(readJson(join(imported, "schemas/order-placed", file))).toEqual(
        readJson(join(catalog, "schemas/order-placed", file)),
      );
    }
    expect(readFileSync(join(imported, "schemas/order-placed/subject.yaml"), "utf8")).toContain(
      "compatibility: BACKWARD",
    );
    expect(readFileSync(join(imported, "accord.yaml"), "utf8")).toContain(server.url);

    const check = await runCli(["check"], { cwd: imported });
    expect(check.code, check.stdout + check.stderr).toBe(0);
  });

  it("leaves identical files alone and refuses to overwrite a different version", async () => {
    const again = await runCli(["import", "--registry", server.url, imported]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain("0 files written, 4 already there");

    const edited = readJson(join(imported, "schemas/order-placed/v1.json")) as Record<string, unknown>;
    writeFileSync(
      join(imported, "schemas/order-placed/v1.json"),
      JSON.stringify({ ...edited, title: "Changed" }),
    );
    const conflict = await runCli(["import", "--registry", server.url, imported]);
    expect(conflict.code).toBe(2);
    expect(conflict.stderr).toContain("schemas/order-placed/v1.json");
  });

  it("renumbers gaps, refuses unsafe subject names and skips other schema types", async () => {
    const schema = (title: string, extra: Record<string, unknown> = {}) => ({
      schemaType: "JSON",
      schema: JSON.stringify({ type: "object", title, properties: { a: { type: "string" }, ...extra } }),
    });
    const gappy = `${server.url}/subjects/gappy/versions`;
    expect((await call(`${server.url}/config/gappy`, "PUT", { compatibility: "NONE" })).status).toBe(200);
    expect((await call(gappy, "POST", schema("G1"))).status).toBe(200);
    expect((await call(gappy, "POST", schema("G2", { b: { type: "string" } }))).status).toBe(200);
    expect((await call(gappy, "POST", schema("G3", { c: { type: "string" } }))).status).toBe(200);
    expect((await call(`${gappy}/2`, "DELETE")).status).toBe(200);
    const slash = `${server.url}/subjects/${encodeURIComponent("team:evil")}/versions`;
    expect((await call(slash, "POST", schema("S"))).status).toBe(200);
    const avro = await call(`${server.url}/subjects/avro-thing/versions`, "POST", {
      schemaType: "AVRO",
      schema: JSON.stringify({ type: "record", name: "X", fields: [] }),
    });

    const target = join(work, "second");
    const run = await runCli(["import", "--registry", server.url, target]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/refused team:evil: not a safe folder name/);
    expect(run.stdout).toMatch(/renumbered.*registry 3 → v2/);
    expect(existsSync(join(target, "schemas/gappy/v2.json"))).toBe(true);
    expect(existsSync(join(target, "schemas/gappy/v3.json"))).toBe(false);
    expect((readJson(join(target, "schemas/gappy/v2.json")) as { title: string }).title).toBe("G3");
    expect(readFileSync(join(target, "schemas/gappy/subject.yaml"), "utf8")).toContain("compatibility: NONE");
    expect(readdirSync(join(target, "schemas")).sort()).toEqual(["gappy", "order-placed"]);
    if (avro.status === 200) {
      expect(run.stderr).toContain("skipping subject avro-thing");
      expect(existsSync(join(target, "schemas/avro-thing"))).toBe(false);
    }
    // Nothing left behind from staging.
    expect(readdirSync(work).filter((name) => name.includes("accord-import"))).toEqual([]);
  });
});

describe("accord publish with auth", () => {
  it("publishes as a write user, and only a level change needs an admin", async () => {
    const hashed = await runCli(["hash-secret", "password", "--json"], { input: "writer pass\n" });
    const adminHashed = await runCli(["hash-secret", "password", "--json"], { input: "admin pass\n" });
    const hashOf = (result: { stdout: string }) => (JSON.parse(result.stdout) as { hash: string }).hash;
    const users = join(work, "users.yaml");
    writeFileSync(
      users,
      [
        "users:",
        `  - { name: writer, password: "${hashOf(hashed)}", grants: [{ role: write, prefix: "" }] }`,
        `  - { name: ops, password: "${hashOf(adminHashed)}", grants: [{ role: admin, prefix: "" }] }`,
        "",
      ].join("\n"),
    );
    const secured = await startServe({ dataDir: join(work, "auth-data"), args: ["--auth", users] });
    const own = join(work, "auth-catalog");
    try {
      expect((await runCli(["init", own])).code).toBe(0);
      const as = (user: string, password: string) =>
        runCli(["publish", "--registry", secured.url, "--json"], {
          cwd: own,
          env: {
            ACCORD_REGISTRY_USER: user,
            ACCORD_REGISTRY_PASSWORD: password,
            ACCORD_REGISTRY_TOKEN: undefined,
          },
        });
      const first = await as("writer", "writer pass");
      expect(first.code, first.stderr).toBe(0);
      const result = JSON.parse(first.stdout) as PublishJson & { configured: unknown[] };
      expect(result.created.map((entry) => entry.version)).toEqual([1, 2]);
      expect(result.configured).toEqual([]);

      // The catalog now asks for FULL, which is not in force: that PUT /config needs an admin.
      const subjectFile = join(own, "schemas/order-placed/subject.yaml");
      writeFileSync(subjectFile, `${readFileSync(subjectFile, "utf8")}compatibility: FULL\n`);
      const v2 = readJson(join(own, "schemas/order-placed/v2.json")) as Record<string, unknown>;
      writeFileSync(join(own, "schemas/order-placed/v3.json"), JSON.stringify({ ...v2, title: "v3" }));
      const refused = await as("writer", "writer pass");
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/403/);
      const admin = await as("ops", "admin pass");
      expect(admin.code, admin.stderr).toBe(0);
      expect((JSON.parse(admin.stdout) as { configured: unknown[] }).configured).toEqual([
        { registrySubject: "order-placed", from: "BACKWARD", to: "FULL" },
      ]);
    } finally {
      await stopServe(secured);
    }
  });
});
