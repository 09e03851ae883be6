import { afterAll, describe, expect, it } from "vitest";
import { validatorFor } from "../../contracts/schema/ajv.js";
import { runCli } from "./helpers.js";
import { commitAll, git, json, removeDir, tempDir, writeFiles } from "./support/git-catalog.js";

/**
 * Consumer-driven contracts end to end: real git repositories, the built CLI. Every consumer of
 * order-placed declares what it reads; the producer's branches change an unread field, a read
 * field, and a consumer's declaration; `accord impact` judges candidates before any commit.
 */

const order = (changes: Record<string, unknown> = {}) => ({
  $schema: "http://json-schema.org/draft-07/schema#",
  type: "object",
  properties: {
    orderId: { type: "string", pattern: "^ord-[0-9]+$" },
    total: { type: "number", minimum: 0 },
    currency: { enum: ["EUR", "USD"] },
    note: { type: "string", maxLength: 200 },
    ...changes,
  },
  required: ["orderId", "total", "currency"],
});

const SUBJECT_YAML = [
  "owners: [team-checkout]",
  "consumers:",
  "  - name: billing-service",
  "    reads: [/orderId, /total]",
  "  - name: analytics-pipeline",
  "    reads: [/currency]",
  "",
].join("\n");

const MAIN = {
  "contracts/accord.yaml": "compatibility: FULL\nconsumerGate: true\n",
  "contracts/schemas/order-placed/subject.yaml": SUBJECT_YAML,
  "contracts/schemas/order-placed/v1.json": json(order()),
};

const repos: string[] = [];
afterAll(() => {
  for (const repo of repos) removeDir(repo);
});

/** A repository with MAIN on `main` and `branch` committed on `feature` (checked out). */
function repoWith(branch: Readonly<Record<string, string | null>>, main = MAIN): string {
  const repo = tempDir("consumers");
  repos.push(repo);
  git(repo, "init", "-q", "-b", "main");
  writeFiles(repo, main);
  commitAll(repo, "catalog");
  git(repo, "checkout", "-q", "-b", "feature");
  writeFiles(repo, branch);
  commitAll(repo, "change");
  return repo;
}

const check = (repo: string, ...flags: string[]) =>
  runCli(["check", "--dir", "contracts", "--against", "main", ...flags], { cwd: repo });

interface Finding {
  ruleId: string;
  severity: string;
  message: string;
  file?: string;
  line?: number;
  consumer?: { name: string; path?: string };
  example?: unknown;
}

describe("accord check with consumerGate", () => {
  it("a change to a field no consumer reads: a warning under its own rule id, and the gate passes", async () => {
    const repo = repoWith({
      "contracts/schemas/order-placed/v2.json": json(order({ note: { type: "string", maxLength: 20 } })),
    });
    const result = await check(repo, "--format", "json");
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { passed: boolean; findings: Finding[] };
    expect(report.passed).toBe(true);
    expect(report.findings.map((f) => [f.ruleId, f.severity])).toEqual([["max-length-decreased", "warning"]]);
  });

  it("a change to a field billing-service reads: fails naming it and the path, with an example v2 accepts and v1 rejects", async () => {
    const v2 = order({ total: { type: "number" } });
    const repo = repoWith({ "contracts/schemas/order-placed/v2.json": json(v2) });

    const text = await check(repo);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain("consumer-broken");
    expect(text.stdout).toContain(
      "Version 2 breaks consumer billing-service (built against v1), which reads /total",
    );
    expect(text.stdout).toContain("rejected by billing-service's reads of /total (built against v1)");

    const result = await check(repo, "--json");
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { passed: boolean; findings: Finding[] };
    const broken = report.findings.filter((f) => f.ruleId === "consumer-broken");
    expect(broken).toHaveLength(1);
    expect(broken[0]).toMatchObject({
      severity: "error",
      file: "schemas/order-placed/v2.json",
      consumer: { name: "billing-service", path: "/total" },
    });
    expect(validatorFor(v2, "draft-07")(broken[0]?.example)).toBe(true);
    expect(validatorFor(order(), "draft-07")(broken[0]?.example)).toBe(false);

    const annotations = await check(repo, "--format", "github-actions");
    expect(annotations.code).toBe(1);
    expect(annotations.stdout).toMatch(
      /^::error file=contracts\/schemas\/order-placed\/v2\.json,line=\d+,col=\d+,title=accord consumer-broken order-placed v2::.*billing-service/m,
    );
    const junit = await check(repo, "--format", "junit");
    expect(junit.stdout).toMatch(/<failure[^>]*consumer-broken/);
    const sarif = JSON.parse((await check(repo, "--format", "sarif")).stdout) as {
      runs: { results: { ruleId: string }[] }[];
    };
    expect(sarif.runs[0]?.results.map((r) => r.ruleId)).toContain("consumer-broken");
  });

  it("an exception acknowledges the consumer break", async () => {
    const repo = repoWith({
      "contracts/accord.yaml": [
        "compatibility: FULL",
        "consumerGate: true",
        "exceptions:",
        "  - subject: order-placed",
        "    version: 2",
        "    rule: consumer-broken",
        "    reason: billing-service clamps negative totals (checked with billing).",
        "",
      ].join("\n"),
      "contracts/schemas/order-placed/v2.json": json(order({ total: { type: "number" } })),
    });
    const result = await check(repo, "--json");
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { findings: (Finding & { acknowledged?: object })[] };
    expect(report.findings.find((f) => f.ruleId === "consumer-broken")?.acknowledged).toBeDefined();
  });

  it("a consumer that starts reading what the latest version does not guarantee fails on its own change", async () => {
    const main = {
      ...MAIN,
      "contracts/accord.yaml": "compatibility: NONE\nconsumerGate: true\n",
      // v2 made the note a number: fine for every consumer declared so far.
      "contracts/schemas/order-placed/v2.json": json(order({ note: { type: "integer" } })),
    };
    const repo = repoWith(
      {
        "contracts/schemas/order-placed/subject.yaml": `${SUBJECT_YAML}  - name: support-desk\n    version: 1\n    reads: [/note]\n`,
      },
      main,
    );
    const result = await check(repo, "--json");
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { findings: Finding[] };
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({
      ruleId: "consumer-broken",
      file: "schemas/order-placed/subject.yaml",
      line: 7,
      consumer: { name: "support-desk", path: "/note" },
    });
  });

  it("gives the same consumer findings on worker threads, a reader schema travelling with its subject", async () => {
    const repo = repoWith({
      "contracts/schemas/order-placed/v2.json": json(order({ total: { type: "number" } })),
      // A second subject first in name order, so order-placed lands in another slice.
      "contracts/schemas/a-first/v1.json": json(order()),
      "contracts/schemas/a-first/v2.json": json(order()),
      "contracts/schemas/order-placed/subject.yaml": `${SUBJECT_YAML}  - name: fraud
    version: 1
    schema: consumers/fraud.json
`,
      "contracts/schemas/order-placed/consumers/fraud.json": json({
        type: "object",
        properties: { total: { type: "number", minimum: 0 } },
      }),
    });
    const single = await check(repo, "--json");
    expect(
      JSON.parse(single.stdout)
        .findings.filter((f: Finding) => f.ruleId === "consumer-broken")
        .map((f: Finding) => f.consumer?.name)
        .sort(),
    ).toEqual(["billing-service", "fraud"]);
    const threaded = await runCli(["check", "--dir", "contracts", "--against", "main", "--json"], {
      cwd: repo,
      env: { ACCORD_WORKERS: "2" },
    });
    expect(threaded.code).toBe(1);
    expect(JSON.parse(threaded.stdout).findings).toEqual(JSON.parse(single.stdout).findings);
  });

  it("refuses a declaration that reads a path the pinned version does not declare (exit 2, file:line)", async () => {
    const repo = repoWith({
      "contracts/schemas/order-placed/subject.yaml": `${SUBJECT_YAML}  - name: promotions\n    reads: [/coupon]\n`,
    });
    const result = await check(repo);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      "accord: contracts/schemas/order-placed/subject.yaml:8:13: consumer promotions reads /coupon, which order-placed v1 does not declare",
    );
  });
});

describe("accord impact", () => {
  const catalog = () => {
    const repo = tempDir("impact");
    repos.push(repo);
    writeFiles(repo, {
      ...MAIN,
      "contracts/schemas/order-placed/subject.yaml": `${SUBJECT_YAML}  - legacy-reporting\n`,
      "candidate-unread.json": json(order({ note: { type: "string", maxLength: 20 } })),
      "candidate-total.json": json(order({ total: { type: "number" } })),
    });
    return repo;
  };

  it("JSON: every consumer, safe or not, with findings and verified examples; exit 1 when one breaks", async () => {
    const repo = catalog();
    const result = await runCli(
      ["impact", "order-placed", "candidate-total.json", "--dir", "contracts", "--json"],
      {
        cwd: repo,
      },
    );
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as {
      subject: string;
      version: number;
      consumers: {
        name: string;
        safe: boolean;
        findings: { ruleId: string; path?: string; example?: unknown }[];
      }[];
    };
    expect(report.subject).toBe("order-placed");
    expect(report.version).toBe(2);
    expect(report.consumers.map((c) => [c.name, c.safe])).toEqual([
      ["billing-service", false],
      ["analytics-pipeline", true],
      ["legacy-reporting", false],
    ]);
    const [billing] = report.consumers;
    expect(billing?.findings.map((f) => [f.ruleId, f.path])).toEqual([["minimum-decreased", "/total"]]);
    expect(validatorFor(order(), "draft-07")(billing?.findings[0]?.example)).toBe(false);
    expect(
      validatorFor(order({ total: { type: "number" } }), "draft-07")(billing?.findings[0]?.example),
    ).toBe(true);
  });

  it("text, exit 1 only for a consumer that reads the change; the mode judges a consumer declared by name", async () => {
    const repo = catalog();
    const result = await runCli(["impact", "order-placed", "candidate-unread.json", "--dir", "contracts"], {
      cwd: repo,
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^ {2}safe {4}billing-service/m);
    expect(result.stdout).toMatch(/^ {2}BREAKS {2}legacy-reporting {4}reads everything \(judged by FULL\)/m);
    writeFiles(repo, { "contracts/schemas/order-placed/subject.yaml": SUBJECT_YAML });
    const safe = await runCli(["impact", "order-placed", "candidate-unread.json", "--dir", "contracts"], {
      cwd: repo,
    });
    expect(safe.code).toBe(0);
    expect(safe.stdout).toContain("No declared consumer breaks.");
  });

  it("exit 2 for an unknown subject or an unreadable candidate", async () => {
    const repo = catalog();
    const unknown = await runCli(["impact", "order-shipped", "candidate-total.json", "--dir", "contracts"], {
      cwd: repo,
    });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no subject "order-shipped" in the catalog (subjects: order-placed)');
    const missing = await runCli(["impact", "order-placed", "nope.json", "--dir", "contracts"], {
      cwd: repo,
    });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("cannot read nope.json: no such file");
  });
});
