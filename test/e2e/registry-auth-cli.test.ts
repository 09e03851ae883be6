import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePasswordHash, verifyPassword } from "../../registry/auth/secrets.js";
import { RegistryClient } from "../../registry/client.js";
import { runCli } from "./helpers.js";
import { requireBuild, startServe, stopServe } from "./registry-processes.js";

const dir = mkdtempSync(join(tmpdir(), "accord-auth-cli-"));
beforeAll(() => requireBuild());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("accord hash-secret and accord serve --auth", () => {
  it("hashes a password from stdin and makes tokens whose hashes the server accepts", async () => {
    const password = await runCli(["hash-secret", "password", "--json"], { input: "s3cret pass\n" });
    expect(password.code).toBe(0);
    const hash = (JSON.parse(password.stdout) as { hash: string }).hash;
    const parsed = parsePasswordHash(hash);
    expect(parsed && (await verifyPassword(parsed, "s3cret pass"))).toBe(true);
    expect(password.stdout).not.toContain("s3cret");

    const token = await runCli(["hash-secret", "token", "--json"]);
    const made = JSON.parse(token.stdout) as { token: string; hash: string };
    expect(made.token).toMatch(/^acc_[A-Za-z0-9_-]{43}$/);

    const users = join(dir, "users.yaml");
    writeFileSync(
      users,
      `users:\n  - name: ops\n    password: "${hash}"\n    tokens: ["${made.hash}"]\n    grants: [{ role: admin, prefix: "" }]\n`,
    );
    const server = await startServe({ dataDir: join(dir, "data"), args: ["--auth", users] });
    try {
      const anonymous = new RegistryClient({ url: server.url, env: {}, retries: 0 });
      const refused = await anonymous.listSubjects();
      expect(refused.ok ? "ok" : refused.error.status).toBe(401);
      // The CLI's client takes credentials from the environment, or from the URL.
      const byToken = new RegistryClient({ url: server.url, env: { ACCORD_REGISTRY_TOKEN: made.token } });
      expect(await byToken.listSubjects()).toEqual({ ok: true, value: [] });
      const byPassword = new RegistryClient({
        url: server.url,
        env: { ACCORD_REGISTRY_USER: "ops", ACCORD_REGISTRY_PASSWORD: "s3cret pass" },
      });
      expect((await byPassword.listSubjects()).ok).toBe(true);
      const inUrl = new URL(server.url);
      inUrl.username = "ops";
      inUrl.password = "wrong";
      const wrong = await new RegistryClient({ url: inUrl.toString(), env: {}, retries: 0 }).listSubjects();
      expect(wrong.ok ? "ok" : wrong.error.status).toBe(401);

      // CLI commands: credentials from flags (or the same variables), 401 without.
      const docs = (extra: string[]) =>
        runCli(
          [
            "docs",
            "--registry",
            server.url,
            "--format",
            "markdown",
            "--out",
            join(dir, `docs-${extra.length}`),
            ...extra,
          ],
          {
            env: {
              ACCORD_REGISTRY_TOKEN: undefined,
              ACCORD_REGISTRY_USER: undefined,
              ACCORD_REGISTRY_PASSWORD: undefined,
            },
          },
        );
      const without = await docs([]);
      expect(without.code).toBe(2);
      expect(without.stderr).toMatch(/401/);
      expect((await docs(["--registry-token", made.token])).code).toBe(0);
      expect(
        (await docs(["--registry-user", "ops", "--registry-password", "s3cret pass", "--no-cache"])).code,
      ).toBe(0);
    } finally {
      await stopServe(server);
    }
    expect(server.output()).not.toContain("s3cret");
    expect(server.output()).not.toContain(made.token);
  });

  it("refuses to start on an auth file holding a plain-text secret, exit 2, secret not echoed", async () => {
    const users = join(dir, "plain.yaml");
    writeFileSync(users, 'users:\n  - name: ops\n    password: "hunter2"\n    grants: [{ role: read }]\n');
    const result = await runCli(["serve", "--port", "0", "--data", join(dir, "d2"), "--auth", users]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/invalid auth file .*plain\.yaml: users\[0\]\.password must be a hash/);
    expect(result.stderr).not.toContain("hunter2");
  });

  it("refuses an unknown --store and a PostgreSQL it cannot reach, exit 2, password not echoed", async () => {
    const odd = await runCli([
      "serve",
      "--port",
      "0",
      "--data",
      join(dir, "d3"),
      "--store",
      "mysql://u:pw@h/db",
    ]);
    expect(odd.code).toBe(2);
    expect(odd.stderr).toMatch(/--store must be "sqlite" or a postgres:\/\/ URL/);
    expect(odd.stderr).not.toContain("pw@");
    const down = await runCli(["serve", "--port", "0", "--data", join(dir, "d4")], {
      env: { ACCORD_STORE: "postgres://accord:topsecret@127.0.0.1:1/registry" },
    });
    expect(down.code).toBe(2);
    expect(down.stderr).toMatch(
      /cannot open the registry store postgres:\/\/accord@127\.0\.0\.1:1\/registry/,
    );
    expect(down.stderr).not.toContain("topsecret");
  });
});
