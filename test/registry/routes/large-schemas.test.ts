import { afterEach, describe, expect, it } from "vitest";
import { wideSchema } from "../checks/wide-schema.js";
import { jsonSchema, type TestRegistry, testRegistry } from "../helpers.js";

const registries: TestRegistry[] = [];
async function registry(options: Parameters<typeof testRegistry>[0] = {}): Promise<TestRegistry> {
  const created = await testRegistry(options);
  registries.push(created);
  return created;
}

afterEach(async () => {
  await Promise.all(registries.splice(0).map((each) => each.close()));
});

describe("schemas as wide as the size limit allows", () => {
  it("registers a 5,000-property schema and checks the next version against it", async () => {
    // A budget well above the comparison's few seconds, however busy the machine running the tests.
    const { call } = await registry({ checks: { budgetMs: 120_000 } });
    const first = await call("POST", "/subjects/wide-value/versions", jsonSchema(wideSchema(5_000)));
    expect(first.status).toBe(200);
    const id = (first.body as { id: number }).id;
    const stored = await call("GET", `/schemas/ids/${id}`);
    expect(JSON.parse((stored.body as { schema: string }).schema)).toEqual(wideSchema(5_000));

    // Closing the model is a breaking change for readers of events with other properties.
    const closed = await call(
      "POST",
      "/subjects/wide-value/versions",
      jsonSchema(wideSchema(5_000, { additionalProperties: false })),
    );
    expect(closed.status).toBe(409);
    expect((closed.body as { error_code: number }).error_code).toBe(40901);
  });

  it("answers 422 naming the budget when a check runs past it, and stores nothing", async () => {
    const { call } = await registry({ checks: { budgetMs: 20 } });
    const reply = await call("POST", "/subjects/wide-value/versions", jsonSchema(wideSchema(5_000)));
    expect(reply.status).toBe(422);
    expect(reply.body).toEqual({
      error_code: 42201,
      message:
        'Invalid schema: checking subject "wide-value" (validation, compile and compatibility comparison) took longer than its budget of 20 ms and was stopped.',
    });
    expect((await call("GET", "/subjects")).body).toEqual([]);
  });
});
