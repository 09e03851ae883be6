import { describe, expect, it } from "vitest";
import { Authenticator } from "../../../registry/auth/authenticate.js";
import { parseAuthConfig } from "../../../registry/auth/config.js";
import { hashPassword, hashToken } from "../../../registry/auth/secrets.js";

const config = parseAuthConfig(
  {
    users: [
      {
        name: "ci",
        password: hashPassword("right"),
        tokens: [hashToken("tok-1")],
        grants: [{ role: "read" }],
      },
      { name: "ops", tokens: [hashToken("tok-2")], grants: [{ role: "admin" }] },
    ],
  },
  "test",
);
const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

describe("Authenticator", () => {
  it("accepts the right password and tokens, case-insensitive scheme", async () => {
    const auth = new Authenticator(config);
    expect(await auth.authenticate(basic("ci", "right"))).toMatchObject({ ok: true, user: { name: "ci" } });
    // The second time comes from the verified cache, with the same answer.
    expect(await auth.authenticate(basic("ci", "right"))).toMatchObject({ ok: true, user: { name: "ci" } });
    expect(await auth.authenticate("bearer tok-2")).toMatchObject({ ok: true, user: { name: "ops" } });
    expect(await auth.authenticate(basic("ci", "wrong"))).toEqual({
      ok: false,
      reason: "wrong user name or password",
    });
    expect(await auth.authenticate(basic("ops", "tok-2"))).toMatchObject({ ok: false });
  });

  it("stops running scrypt for an address after ten failures, until the window passes", async () => {
    let clock = 0;
    const auth = new Authenticator(config, () => clock);
    for (let i = 0; i < 10; i++) {
      expect(await auth.authenticate(basic("ci", `guess-${i}`), "10.0.0.1")).toMatchObject({ ok: false });
    }
    const started = performance.now();
    expect(await auth.authenticate(basic("ci", "right"), "10.0.0.1")).toEqual({
      ok: false,
      reason: "too many failed attempts; try again later",
    });
    expect(performance.now() - started).toBeLessThan(5);
    // Another address, and already verified credentials, are unaffected.
    expect(await auth.authenticate(basic("ci", "right"), "10.0.0.2")).toMatchObject({ ok: true });
    expect(await auth.authenticate(basic("ci", "right"), "10.0.0.1")).toMatchObject({ ok: true });
    clock += 61_000;
    expect(await auth.authenticate(basic("ci", "another guess"), "10.0.0.1")).toEqual({
      ok: false,
      reason: "wrong user name or password",
    });
  });
});
