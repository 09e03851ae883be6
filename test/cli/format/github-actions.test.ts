import { describe, expect, it } from "vitest";
import { githubAnnotation } from "../../../cli/format/github-actions.js";
import type { CatalogFinding } from "../../../contracts/catalog/findings.js";

const finding: CatalogFinding = {
  ruleId: "enum-value-removed",
  source: "compat",
  severity: "error",
  message: 'Value "50%" is no longer allowed.',
  subject: "order-placed",
  version: 3,
  file: "schemas/order-placed/v3.json",
  line: 9,
  column: 15,
  fingerprint: "0123456789abcdef",
  direction: "backward",
  against: 2,
  example: { discount: "50%" },
};

describe("githubAnnotation", () => {
  it("writes one workflow command with escaped properties and message", () => {
    const line = githubAnnotation({ ...finding, file: "schemas/a,b:c/v3.json" }, "contracts");
    expect(line).toBe(
      "::error file=contracts/schemas/a%2Cb%3Ac/v3.json,line=9,col=15,title=accord enum-value-removed order-placed v3::" +
        'Value "50%25" is no longer allowed.%0AExample event, accepted by v2 and rejected by v3:%0A{%0A  "discount": "50%25"%0A}%0Afingerprint 0123456789abcdef',
    );
    expect(line).not.toContain("\n");
  });

  it("uses warning for warnings and notice for information and acknowledged findings", () => {
    expect(githubAnnotation({ ...finding, severity: "warning" }, "")).toMatch(/^::warning file=schemas\//);
    expect(githubAnnotation({ ...finding, severity: "info" }, "")).toMatch(/^::notice /);
    const acknowledged = githubAnnotation({ ...finding, acknowledged: { exception: 0, reason: "ok" } }, "");
    expect(acknowledged).toMatch(/^::notice /);
    expect(acknowledged).toContain("%0AAcknowledged in accord.yaml: ok%0A");
  });
});
