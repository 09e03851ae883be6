import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./helpers.js";
import { commitAll, git, json, removeDir, tempDir, writeFiles } from "./support/git-catalog.js";
import { sarifProblems } from "./support/sarif.js";
import { findAll, parseXml } from "./support/xml.js";

/**
 * `accord check` on real git repositories: a base branch `main`, a feature branch with breaking,
 * compatible, edited-history and acknowledged changes, and the catalog in a sub-folder of the
 * repository (as in a monorepo), so paths in annotations and SARIF must be repository-relative.
 */

const order = (currencies: string[]) =>
  json({
    $schema: "http://json-schema.org/draft-07/schema#",
    description: "An order was placed.",
    type: "object",
    additionalProperties: false,
    properties: {
      orderId: { type: "string", description: "Order id." },
      currency: { enum: currencies, description: "ISO 4217 code." },
    },
    required: ["orderId", "currency"],
  });

const payment = (extra: Record<string, unknown> = {}) =>
  json({
    description: "A payment was captured.",
    type: "object",
    additionalProperties: false,
    properties: { paymentId: { type: "string", description: "Payment id." }, ...extra },
    required: ["paymentId"],
  });

const shipment = (maxLength: number) =>
  json({
    description: "A parcel left the warehouse.",
    type: "object",
    additionalProperties: false,
    properties: { trackingCode: { type: "string", maxLength, description: "Carrier tracking code." } },
    required: ["trackingCode"],
  });

const BASE = {
  "contracts/accord.yaml": "version: 1\ncompatibility: BACKWARD\n",
  "contracts/schemas/order-placed/v1.json": order(["EUR", "USD", "CHF"]),
  "contracts/schemas/order-placed/v2.json": order(["EUR", "USD", "CHF", "GBP"]),
  "contracts/schemas/payment-captured/v1.json": payment(),
  "contracts/schemas/refund-issued/v1.json": payment(),
  "contracts/schemas/shipment-sent/v1.json": shipment(64),
  "README.md": "a repository with a catalog in contracts/\n",
};

const FEATURE = {
  "contracts/accord.yaml": [
    "version: 1",
    "compatibility: BACKWARD",
    "exceptions:",
    "  - subject: shipment-sent",
    "    version: 2",
    "    rule: max-length-decreased",
    "    reason: The carrier never issues codes longer than 32 characters.",
    "    expires: 2999-12-31",
    "  - subject: order-placed",
    "    version: 3",
    "    rule: required-property-added",
    "    reason: Left over from an earlier draft.",
    "",
  ].join("\n"),
  // Breaking: GBP disappears.
  "contracts/schemas/order-placed/v3.json": order(["EUR", "USD", "CHF"]),
  // Compatible: an optional property on a closed object.
  "contracts/schemas/payment-captured/v2.json": payment({
    note: { type: "string", description: "Free text." },
  }),
  // Edited history.
  "contracts/schemas/refund-issued/v1.json": payment({ reason: { type: "string", description: "Why." } }),
  // Breaking but acknowledged.
  "contracts/schemas/shipment-sent/v2.json": shipment(32),
  // New subject.
  "contracts/schemas/customer-registered/v1.json": payment(),
};

let repo: string;
let head: string;

beforeAll(() => {
  repo = tempDir("check");
  git(repo, "init", "-q", "-b", "main");
  writeFiles(repo, BASE);
  commitAll(repo, "base catalog");
  git(repo, "checkout", "-q", "-b", "feature");
  writeFiles(repo, FEATURE);
  commitAll(repo, "feature changes");
  head = git(repo, "rev-parse", "HEAD").trim();
});

afterAll(() => removeDir(repo));

describe("accord check --against main", () => {
  it("text: fails with each finding, its example event, and leaves the working tree alone", async () => {
    const before = git(repo, "status", "--porcelain");
    const result = await runCli(["check", "--dir", "contracts", "--against", "main"], { cwd: repo });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("");
    const out = result.stdout;
    expect(out).toMatch(/^accord check: changes against main \([0-9a-f]{12}\)/);
    expect(out).toContain(
      "error enum-value-removed (v3, backward, against v2)  contracts/schemas/order-placed/v3.json:",
    );
    expect(out).toContain('Breaks at /currency: "GBP"');
    expect(out).toContain(
      "Example event (excerpt; --format json has it whole), accepted by v2 and rejected by v3:",
    );
    expect(out).toContain('"currency": "GBP"');
    expect(out).toContain("error version-edited (v1)  contracts/schemas/refund-issued/v1.json:1:1");
    expect(out).toContain("acknowledged max-length-decreased (v2, backward, against v1)");
    expect(out).toContain("The carrier never issues codes longer than 32 characters.");
    expect(out).toContain("warning exception-unused");
    expect(out).toContain("info subject-added  contracts/schemas/customer-registered/v1.json");
    expect(out).not.toContain("payment-captured");
    expect(out).toContain("FAILED: 2 errors, 1 warning, 1 acknowledged, 1 info.");
    expect(out).not.toContain("\u001b[");
    expect(git(repo, "status", "--porcelain")).toBe(before);
    expect(git(repo, "rev-parse", "HEAD").trim()).toBe(head);
  });

  it("json: the documented report, the same with --json and --format json", async () => {
    const [viaFormat, viaFlag] = await Promise.all([
      runCli(["check", "--dir", "contracts", "--against", "main", "--format", "json"], { cwd: repo }),
      runCli(["check", "--dir", "contracts", "--against", "main", "--json"], { cwd: repo }),
    ]);
    expect(viaFormat.code).toBe(1);
    expect(viaFlag.code).toBe(1);
    const report = JSON.parse(viaFormat.stdout);
    expect(JSON.parse(viaFlag.stdout)).toEqual(report);
    expect(report).toMatchObject({
      format: "accord-check/1",
      passed: false,
      scope: "changes",
      counts: { errors: 2, warnings: 1, infos: 1, acknowledged: 1 },
      subjects: { total: 5, added: ["customer-registered"], removed: [] },
      against: { ref: "main", resolved: "main" },
    });
    expect(report.against.commit).toBe(git(repo, "rev-parse", "main").trim());
    expect(
      report.checks.map(
        (check: { subject: string; version: number; verdict: string }) =>
          `${check.subject} v${check.version} ${check.verdict}`,
      ),
    ).toEqual([
      "customer-registered v1 compatible",
      "order-placed v3 incompatible",
      "payment-captured v2 compatible",
      "shipment-sent v2 incompatible",
    ]);
    const rules = report.findings.map(
      (finding: { ruleId: string; subject?: string }) => `${finding.subject} ${finding.ruleId}`,
    );
    expect(rules).toEqual(
      expect.arrayContaining([
        "order-placed enum-value-removed",
        "refund-issued version-edited",
        "shipment-sent max-length-decreased",
        "order-placed exception-unused",
        "customer-registered subject-added",
      ]),
    );
    const breaking = report.findings.find(
      (finding: { ruleId: string }) => finding.ruleId === "enum-value-removed",
    );
    expect(breaking).toMatchObject({
      source: "compat",
      severity: "error",
      version: 3,
      against: 2,
      direction: "backward",
      file: "schemas/order-placed/v3.json",
      pointer: "#/properties/currency/enum",
    });
    expect(breaking.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(breaking.example.currency).toBe("GBP");
    const acknowledged = report.findings.find(
      (finding: { ruleId: string }) => finding.ruleId === "max-length-decreased",
    );
    expect(acknowledged.acknowledged).toEqual({
      exception: 0,
      reason: "The carrier never issues codes longer than 32 characters.",
      expires: "2999-12-31",
    });
    expect(report.exceptions.map((exception: { status: string }) => exception.status)).toEqual([
      "used",
      "unused",
    ]);
  });

  it("github-actions: one workflow command per finding, at repository-relative paths", async () => {
    // Run from inside the catalog: paths must still be relative to the repository root.
    const result = await runCli(["check", "--against", "main", "--format", "github-actions"], {
      cwd: `${repo}/contracts`,
    });
    expect(result.code).toBe(1);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(6);
    const error = lines.find((line) => line.includes("enum-value-removed"));
    expect(error).toMatch(
      /^::error file=contracts\/schemas\/order-placed\/v3\.json,line=\d+,col=\d+,title=accord enum-value-removed order-placed v3::.*%0ABreaks at \/currency: "GBP"%0A(?:The reader says: [^%]*%0A)?Example event \(excerpt; --format json has it whole\), accepted by v2 and rejected by v3:%0A\{%0A/,
    );
    expect(lines.find((line) => line.includes("version-edited"))).toMatch(
      /^::error file=contracts\/schemas\/refund-issued\/v1\.json,line=1,col=1,title=accord version-edited refund-issued v1::/,
    );
    expect(lines.find((line) => line.includes("max-length-decreased"))).toMatch(/^::notice file=/);
    expect(lines.find((line) => line.includes("exception-unused"))).toMatch(
      /^::warning file=contracts\/accord\.yaml,line=9,col=5,/,
    );
    expect(lines.find((line) => line.includes("subject-added"))).toMatch(/^::notice /);
    expect(lines.at(-1)).toBe("accord check: failed (2 errors, 1 warning, 1 acknowledged)");
    for (const line of lines.slice(0, -1)) expect(line).not.toMatch(/[\r\n]/);
  });

  it("junit: well-formed XML with a failing test case per unacknowledged error", async () => {
    const result = await runCli(["check", "--dir", "contracts", "--against", "main", "--format", "junit"], {
      cwd: repo,
    });
    expect(result.code).toBe(1);
    const root = parseXml(result.stdout);
    expect(root.name).toBe("testsuites");
    const cases = findAll(root, "testcase");
    const failures = findAll(root, "failure");
    expect(root.attributes).toMatchObject({
      name: "accord check",
      tests: String(cases.length),
      failures: "2",
    });
    expect(failures.map((failure) => failure.attributes.type).sort()).toEqual([
      "enum-value-removed",
      "version-edited",
    ]);
    const suites = findAll(root, "testsuite");
    expect(suites.map((suite) => suite.attributes.name)).toEqual([
      "customer-registered",
      "order-placed",
      "payment-captured",
      "refund-issued",
      "shipment-sent",
    ]);
    const payment = suites.find((suite) => suite.attributes.name === "payment-captured");
    expect(payment?.children.map((test) => [test.attributes.name, test.children.length])).toEqual([
      ["v2 compatibility (BACKWARD against v1)", 0],
    ]);
    const breaking = failures.find((failure) => failure.attributes.type === "enum-value-removed");
    expect(breaking?.text).toContain('Breaks at /currency: "GBP"');
    expect(breaking?.text).toContain(
      "Example event (excerpt; --format json has it whole), accepted by v2 and rejected by v3:",
    );
    const shipment = suites.find((suite) => suite.attributes.name === "shipment-sent");
    expect(findAll(shipment ?? root, "system-out")[0]?.text).toContain("[acknowledged] max-length-decreased");
  });

  it("sarif: a SARIF 2.1.0 log GitHub code scanning accepts", async () => {
    const result = await runCli(["check", "--dir", "contracts", "--against", "main", "--format", "sarif"], {
      cwd: repo,
    });
    expect(result.code).toBe(1);
    const log = JSON.parse(result.stdout);
    expect(sarifProblems(log)).toEqual([]);
    const [run] = log.runs;
    expect(run.tool.driver.name).toBe("accord");
    expect(run.results).toHaveLength(5);
    const breaking = run.results.find((entry: { ruleId: string }) => entry.ruleId === "enum-value-removed");
    expect(breaking).toMatchObject({
      level: "error",
      locations: [
        { physicalLocation: { artifactLocation: { uri: "contracts/schemas/order-placed/v3.json" } } },
      ],
    });
    expect(breaking.partialFingerprints["accordFindingHash/v1"]).toMatch(/^[0-9a-f]{16}$/);
    const acknowledged = run.results.find(
      (entry: { ruleId: string }) => entry.ruleId === "max-length-decreased",
    );
    expect(acknowledged.suppressions).toEqual([
      {
        kind: "external",
        status: "accepted",
        justification: "The carrier never issues codes longer than 32 characters.",
      },
    ]);
    expect(run.results.find((entry: { ruleId: string }) => entry.ruleId === "subject-added").level).toBe(
      "note",
    );
  });
});

describe("accord check on worker threads", () => {
  it("gives the same report as a single thread, with and without --against", async () => {
    for (const args of [["--against", "main"], []]) {
      const command = ["check", "--dir", "contracts", "--json", ...args];
      const [single, sliced] = await Promise.all([
        runCli(command, { cwd: repo, env: { ACCORD_WORKERS: "0" } }),
        runCli(command, { cwd: repo, env: { ACCORD_WORKERS: "2" } }),
      ]);
      expect(sliced.code).toBe(single.code);
      expect(JSON.parse(sliced.stdout)).toEqual(JSON.parse(single.stdout));
    }
  });

  it("reports the first load error as a single thread does", async () => {
    const broken = tempDir("check-broken");
    try {
      writeFiles(broken, {
        "accord.yaml": "",
        "schemas/a/v1.json": payment(),
        "schemas/m/v1.json": '{"type": "objec"}',
        "schemas/z/v1.json": '{"type": 1}',
      });
      const [single, sliced] = await Promise.all([
        runCli(["check"], { cwd: broken, env: { ACCORD_WORKERS: "0" } }),
        runCli(["check"], { cwd: broken, env: { ACCORD_WORKERS: "2" } }),
      ]);
      expect(single.code).toBe(2);
      expect(sliced.code).toBe(2);
      expect(sliced.stderr).toBe(single.stderr);
      expect(single.stderr).toContain("schemas/m/v1.json:1:10:");
    } finally {
      removeDir(broken);
    }
  });
});

describe("accord check: other inputs", () => {
  it("passes (exit 0) when the branch only adds compatible versions", async () => {
    const clean = tempDir("check-clean");
    try {
      git(clean, "init", "-q", "-b", "main");
      writeFiles(clean, BASE);
      commitAll(clean, "base");
      git(clean, "checkout", "-q", "-b", "feature");
      writeFiles(clean, {
        "contracts/schemas/payment-captured/v2.json": FEATURE["contracts/schemas/payment-captured/v2.json"],
      });
      for (const format of ["text", "json", "github-actions", "junit", "sarif"]) {
        const result = await runCli(
          ["check", "--dir", "contracts", "--against", "main", "--format", format],
          { cwd: clean },
        );
        expect(result.code, format).toBe(0);
      }
      const text = await runCli(["check", "--dir", "contracts", "--against", "main"], { cwd: clean });
      expect(text.stdout).toContain("PASSED: 0 errors, 0 warnings.");
    } finally {
      removeDir(clean);
    }
  });

  it("without --against checks every version chain of the working tree", async () => {
    const result = await runCli(["check", "--dir", "contracts", "--json"], { cwd: repo });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.scope).toBe("all-versions");
    expect(report.against).toBeUndefined();
    // The edit to refund-issued v1 is invisible without a base; the break in order-placed v3 is not.
    expect(report.findings.map((finding: { ruleId: string }) => finding.ruleId)).toEqual(
      expect.arrayContaining(["enum-value-removed", "max-length-decreased"]),
    );
    expect(report.findings.map((finding: { ruleId: string }) => finding.ruleId)).not.toContain(
      "version-edited",
    );
  });

  it("in a shallow clone without the base, exits 2 saying what is missing and how to fetch it; works once fetched", async () => {
    const clone = tempDir("check-shallow");
    try {
      git(clone, "clone", "-q", "--depth", "1", "--branch", "feature", `file://${repo}`, "work");
      const work = `${clone}/work`;
      const missing = await runCli(["check", "--dir", "contracts", "--against", "main"], { cwd: work });
      expect(missing.code).toBe(2);
      expect(missing.stdout).toBe("");
      expect(missing.stderr.trim().split("\n")).toHaveLength(1);
      expect(missing.stderr).toContain('git ref "main" is not in this clone (this is a shallow clone');
      expect(missing.stderr).toContain("fetch-depth: 0");
      expect(missing.stderr).not.toMatch(/\n\s+at /);

      git(work, "fetch", "-q", "--depth", "1", "origin", "main:refs/remotes/origin/main");
      const fetched = await runCli(["check", "--dir", "contracts", "--against", "main", "--json"], {
        cwd: work,
      });
      expect(fetched.code).toBe(1);
      expect(fetched.stderr).toContain('no local ref "main"; comparing with origin/main');
      expect(JSON.parse(fetched.stdout).against).toMatchObject({ ref: "main", resolved: "origin/main" });
    } finally {
      removeDir(clone);
    }
  });

  it("exits 2 for an unknown ref, a folder outside git, a folder without accord.yaml, and a bad accord.yaml", async () => {
    const unknown = await runCli(["check", "--dir", "contracts", "--against", "no-such-branch"], {
      cwd: repo,
    });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('git ref "no-such-branch" is not in this clone.');

    const outside = tempDir("check-nogit");
    try {
      writeFiles(outside, { "accord.yaml": "", "schemas/a/v1.json": payment() });
      const noGit = await runCli(["check", "--against", "main"], { cwd: outside });
      expect(noGit.code).toBe(2);
      expect(noGit.stderr).toContain("is not inside a git work tree");

      const noCatalog = await runCli(["check", "--dir", "schemas"], { cwd: outside });
      expect(noCatalog.code).toBe(2);
      expect(noCatalog.stderr).toBe("accord: schemas is not an Accord catalog: it has no accord.yaml\n");

      writeFiles(outside, { "accord.yaml": "compatibility: SIDEWAYS\n" });
      const badConfig = await runCli(["check", "--json"], { cwd: outside });
      expect(badConfig.code).toBe(2);
      expect(JSON.parse(badConfig.stdout).error).toMatchObject({
        code: "ACCORD_ERR_CATALOG_CONFIG_INVALID",
        location: { file: "accord.yaml", line: 1, column: 16 },
      });
    } finally {
      removeDir(outside);
    }
  });

  it("treats a base without accord.yaml as an empty catalog: every subject is new", async () => {
    const fresh = tempDir("check-fresh");
    try {
      git(fresh, "init", "-q", "-b", "main");
      writeFiles(fresh, { "README.md": "empty\n" });
      commitAll(fresh, "empty");
      writeFiles(fresh, {
        "accord.yaml": "",
        "schemas/a/v1.json": payment(),
        "schemas/a/v2.json": payment(),
      });
      const result = await runCli(["check", "--against", "main", "--json"], { cwd: fresh });
      expect(result.code).toBe(0);
      expect(result.stderr).toContain("main has no accord.yaml here: every subject counts as new");
      const report = JSON.parse(result.stdout);
      expect(report.subjects.added).toEqual(["a"]);
      expect(report.checks.map((check: { version: number }) => check.version)).toEqual([1, 2]);
    } finally {
      removeDir(fresh);
    }
  });
});
