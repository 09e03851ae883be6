import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { AccordFailure } from "../../../contracts/errors.js";
import { allows, requiredAccess } from "../../../registry/auth/access.js";
import { loadAuthFile, parseAuthConfig } from "../../../registry/auth/config.js";
import {
  hashPassword,
  hashToken,
  parsePasswordHash,
  verifyPassword,
} from "../../../registry/auth/secrets.js";

const dir = mkdtempSync(join(tmpdir(), "accord-auth-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function reason(document: unknown): string {
  try {
    parseAuthConfig(document, "users.yaml");
  } catch (err) {
    expect((err as AccordFailure).error.code).toBe("ACCORD_ERR_REGISTRY_AUTH_CONFIG");
    return (err as Error).message;
  }
  throw new Error("expected the document to be refused");
}

describe("auth file", () => {
  it("reads users with hashed secrets and grants from YAML", () => {
    const file = join(dir, "users.yaml");
    writeFileSync(
      file,
      `users:\n  - name: ci\n    password: "${hashPassword("pw")}"\n    tokens: ["${hashToken("t")}"]\n    grants:\n      - { role: write, prefix: orders- }\n`,
    );
    const config = loadAuthFile(file);
    expect(config.users.get("ci")?.grants).toEqual([{ role: "write", prefix: "orders-" }]);
    expect(config.tokens).toHaveLength(1);
  });

  it("refuses plain-text secrets without repeating them", () => {
    const message = reason({ users: [{ name: "ci", password: "hunter2", grants: [{ role: "read" }] }] });
    expect(message).toMatch(/users\[0\]\.password must be a hash/);
    expect(message).not.toContain("hunter2");
    expect(reason({ users: [{ name: "ci", tokens: ["abc"], grants: [{ role: "read" }] }] })).toMatch(
      /tokens\[0\] must be a hash/,
    );
  });

  it.each([
    [{}, /top-level `users:` list/],
    [{ users: [] }, /empty/],
    [{ users: [{ name: "a b", tokens: [hashToken("x")], grants: [{ role: "read" }] }] }, /name must be/],
    [{ users: [{ name: "a", grants: [{ role: "read" }] }] }, /neither a password nor a token/],
    [{ users: [{ name: "a", tokens: [hashToken("x")], grants: [] }] }, /grants must list/],
    [{ users: [{ name: "a", tokens: [hashToken("x")], grants: [{ role: "root" }] }] }, /role must be one of/],
    [
      { users: [{ name: "a", tokens: [hashToken("x")], grants: [{ role: "read" }], extra: 1 }] },
      /unknown key "extra"/,
    ],
  ])("refuses an invalid document (%#)", (document, pattern) => {
    expect(reason(document)).toMatch(pattern);
  });

  it("names an unreadable file", () => {
    expect(() => loadAuthFile(join(dir, "missing.yaml"))).toThrowError(/invalid auth file .*missing\.yaml/);
  });
});

describe("secrets", () => {
  it("verifies scrypt hashes with their own salt", async () => {
    const stored = parsePasswordHash(hashPassword("correct horse"));
    expect(stored).toBeDefined();
    if (!stored) return;
    expect(await verifyPassword(stored, "correct horse")).toBe(true);
    expect(await verifyPassword(stored, "correct horse ")).toBe(false);
    expect(hashPassword("same")).not.toBe(hashPassword("same"));
    expect(parsePasswordHash("scrypt:3:8:1:c2FsdHNhbHQ=:aGFzaGhhc2hoYXNoaGFzaA==")).toBeUndefined();
  });
});

describe("access rules", () => {
  const user = (grants: { role: "read" | "write" | "admin"; prefix: string }[]) => ({
    name: "u",
    tokens: [],
    grants,
  });

  it("maps routes to roles", () => {
    expect(requiredAccess("GET", "/metrics", {}, {})).toBe("public");
    expect(requiredAccess("POST", "/subjects/:subject/versions", { subject: "s" }, {})).toEqual({
      role: "write",
      subject: "s",
    });
    expect(requiredAccess("POST", "/subjects/:subject", { subject: "s" }, {})).toEqual({
      role: "read",
      subject: "s",
    });
    expect(requiredAccess("DELETE", "/subjects/:subject", { subject: "s" }, { permanent: "TRUE" })).toEqual({
      role: "admin",
      subject: "s",
    });
    expect(requiredAccess("PUT", "/mode", {}, {})).toEqual({ role: "admin", subject: null });
    expect(requiredAccess("GET", undefined, {}, {})).toEqual({ role: "read", subject: null });
  });

  it("ranks roles and scopes them by prefix", () => {
    const writer = user([{ role: "write", prefix: "orders-" }]);
    expect(allows(writer, { role: "read", subject: "orders-value" })).toBe(true);
    expect(allows(writer, { role: "write", subject: "orders-value" })).toBe(true);
    expect(allows(writer, { role: "admin", subject: "orders-value" })).toBe(false);
    expect(allows(writer, { role: "write", subject: "payments-value" })).toBe(false);
    expect(allows(writer, { role: "read", subject: null })).toBe(true);
    expect(allows(writer, { role: "write", subject: null })).toBe(false);
    expect(allows(user([{ role: "admin", prefix: "" }]), { role: "admin", subject: null })).toBe(true);
  });
});
