import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRng, generateEventSchema } from "../../../bench/fixtures/event-schemas.js";
import { validatorFor } from "../../../contracts/schema/ajv.js";
import { loadSchemaValue } from "../../../contracts/schema/load.js";
import type { Json } from "../../../contracts/schema/types.js";
import { planOf, subjectOf } from "../../contracts/codegen/support.js";
import { sampleInstances, seedOf } from "../../support/sampling.js";
import { ORDER_V1, ORDER_V2, SHIPMENT_V1, VALID_SHIPMENT } from "./fixtures.js";
import { importGenerated, render } from "./support.js";

type Fn = (...args: unknown[]) => unknown;
type Generated = Record<string, Fn> & { AccordWireError: new (...args: unknown[]) => Error };

const ORDER_EVENT = {
  orderId: "o-1",
  placedAt: "2024-05-01T10:00:00Z",
  customer: { customerId: "c-1", email: "ada@example.com" },
  items: [{ sku: "SKU-1", quantity: 2, unitPrice: 3.5 }],
  currency: "EUR",
  total: 7,
};

function thrown(fn: () => unknown): Record<string, unknown> {
  try {
    fn();
  } catch (error) {
    return error as Record<string, unknown>;
  }
  throw new Error("expected a throw");
}

describe("generated codec, confluent wire format", () => {
  let gen: Generated;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const files = await render(
      planOf([
        subjectOf("order-placed", [ORDER_V1, ORDER_V2], [3, 7]),
        subjectOf("shipment", [SHIPMENT_V1], [40]),
      ]),
    );
    ({ module: gen, cleanup } = await importGenerated<Generated>(files));
  });
  afterAll(() => cleanup());

  it("frames with magic byte 0 and the big-endian schema id, then the JSON", () => {
    const bytes = gen.encodeOrderPlaced?.(ORDER_EVENT) as Uint8Array;
    expect([...bytes.subarray(0, 5)]).toEqual([0, 0, 0, 0, 7]);
    expect(JSON.parse(new TextDecoder().decode(bytes.subarray(5)))).toEqual(ORDER_EVENT);
    const big = gen.encodeShipmentV1?.(VALID_SHIPMENT) as Uint8Array;
    expect([...big.subarray(0, 5)]).toEqual([0, 0, 0, 0, 40]);
  });

  it("decodes each version to its own member of the union", () => {
    expect(gen.decodeOrderPlaced?.(gen.encodeOrderPlaced?.(ORDER_EVENT))).toEqual({
      version: 2,
      value: ORDER_EVENT,
    });
    const old = { ...ORDER_EVENT, currency: "CHF" };
    expect(gen.decodeOrderPlaced?.(gen.encodeOrderPlacedV1?.(old))).toEqual({ version: 1, value: old });
    expect(gen.decodeShipment?.(gen.encodeShipment?.(VALID_SHIPMENT))).toEqual({
      version: 1,
      value: VALID_SHIPMENT,
    });
  });

  it("refuses to encode an invalid event, naming subject, version, path and reason", () => {
    const error = thrown(() => gen.encodeOrderPlaced?.({ ...ORDER_EVENT, currency: "CHF" }));
    expect(error).toBeInstanceOf(gen.AccordWireError);
    expect(error).toMatchObject({
      code: "invalid-event",
      operation: "encode",
      subject: "order-placed",
      version: 2,
      schemaId: 7,
      path: "/currency",
      reason: 'must be one of "EUR", "USD", "GBP"',
      message: 'cannot encode order-placed v2: /currency must be one of "EUR", "USD", "GBP"',
    });
    const { customer: _customer, ...missing } = ORDER_EVENT;
    expect(thrown(() => gen.encodeOrderPlaced?.(missing))).toMatchObject({
      path: "/customer",
      reason: "is required but missing",
    });
    expect(thrown(() => gen.encodeOrderPlaced?.({ ...ORDER_EVENT, extra: 1 }))).toMatchObject({
      path: "/extra",
      reason: "is not a property the schema allows",
    });
    expect(thrown(() => gen.encodeShipment?.({ ...VALID_SHIPMENT, shippedOn: "2023-02-29" }))).toMatchObject({
      path: "/shippedOn",
      reason: 'must match format "date"',
    });
  });

  it("gives a typed error for every way bytes can be wrong", () => {
    const bytes = gen.encodeOrderPlaced?.(ORDER_EVENT) as Uint8Array;
    const withId = (id: number) => {
      const copy = new Uint8Array(bytes);
      new DataView(copy.buffer).setInt32(1, id);
      return copy;
    };
    expect(thrown(() => gen.decodeOrderPlaced?.(withId(99)))).toMatchObject({
      code: "unknown-schema-id",
      schemaId: 99,
      message: expect.stringMatching(
        /^cannot decode order-placed: schema id 99 is none of .*7 \(v2\), 3 \(v1\)/,
      ),
    });
    expect(thrown(() => gen.decodeOrderPlaced?.(new Uint8Array([0, 0, 0])))).toMatchObject({
      code: "frame-too-short",
    });
    // Magic byte 1 is a V1 frame (GUID); anything else but 0 is unknown.
    expect(thrown(() => gen.decodeOrderPlaced?.(new Uint8Array([2, 0, 0, 0, 7, 123])))).toMatchObject({
      code: "unknown-magic-byte",
    });
    expect(thrown(() => gen.decodeOrderPlaced?.(new Uint8Array([0, 0, 0, 0, 7, 0xff, 0xfe])))).toMatchObject({
      code: "invalid-utf8",
      version: 2,
    });
    expect(thrown(() => gen.decodeOrderPlaced?.(new Uint8Array([0, 0, 0, 0, 7, 123])))).toMatchObject({
      code: "invalid-json",
      version: 2,
      schemaId: 7,
    });
    // A v2 frame whose payload is valid only under v1: the id decides, so it is rejected as v2.
    const v1Body = new TextEncoder().encode(
      JSON.stringify({ ...ORDER_EVENT, items: [{ sku: "x".repeat(30), quantity: 1, unitPrice: 1 }] }),
    );
    const framed = new Uint8Array([0, 0, 0, 0, 7, ...v1Body]);
    expect(thrown(() => gen.decodeOrderPlaced?.(framed))).toMatchObject({
      code: "invalid-event",
      operation: "decode",
      version: 2,
      path: "/items/0/sku",
      reason: "must NOT have more than 24 characters",
    });
  });
});

describe("generated codec, V1 frames (schema GUID instead of id)", () => {
  const GUID_V1 = "0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9";
  const GUID_V2 = "ffeeddcc-bbaa-9988-7766-554433221100";
  let gen: Generated;
  let cleanup: () => Promise<void>;

  /** A V1 frame as the Confluent serializers write it: magic byte 1, the 16 GUID bytes, the JSON. */
  function v1Frame(guid: string, event: unknown): Uint8Array {
    const hex = guid.replace(/-/g, "");
    const guidBytes = Array.from({ length: 16 }, (_, index) =>
      Number.parseInt(hex.slice(2 * index, 2 * index + 2), 16),
    );
    return new Uint8Array([1, ...guidBytes, ...new TextEncoder().encode(JSON.stringify(event))]);
  }

  beforeAll(async () => {
    const subject = subjectOf("order-placed", [ORDER_V1, ORDER_V2], [3, 7]);
    const guids = [GUID_V1, GUID_V2];
    const withGuids = {
      ...subject,
      versions: subject.versions.map((version, index) => ({
        ...version,
        schemaGuid: guids[index] as string,
      })),
    };
    ({ module: gen, cleanup } = await importGenerated<Generated>(await render(planOf([withGuids]))));
  });
  afterAll(() => cleanup());

  it("decodes a V1 frame to the version its GUID names", () => {
    expect(gen.decodeOrderPlaced?.(v1Frame(GUID_V2, ORDER_EVENT))).toEqual({
      version: 2,
      value: ORDER_EVENT,
    });
    const old = { ...ORDER_EVENT, currency: "CHF" };
    expect(gen.decodeOrderPlaced?.(v1Frame(GUID_V1, old))).toEqual({ version: 1, value: old });
    // V0 frames still decode.
    expect(gen.decodeOrderPlaced?.(gen.encodeOrderPlaced?.(ORDER_EVENT))).toEqual({
      version: 2,
      value: ORDER_EVENT,
    });
  });

  it("names an unknown GUID and a short V1 frame", () => {
    expect(
      thrown(() => gen.decodeOrderPlaced?.(v1Frame("00000000-0000-0000-0000-000000000001", ORDER_EVENT))),
    ).toMatchObject({
      code: "unknown-schema-id",
      message: expect.stringContaining(
        `schema GUID 00000000-0000-0000-0000-000000000001 is none of the versions this code was generated for (${GUID_V2} (v2), ${GUID_V1} (v1))`,
      ),
    });
    expect(thrown(() => gen.decodeOrderPlaced?.(new Uint8Array([1, 2, 3])))).toMatchObject({
      code: "frame-too-short",
    });
  });
});

describe("generated codec, json wire format", () => {
  let gen: Generated;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const files = await render(planOf([subjectOf("order-placed", [ORDER_V1, ORDER_V2])], "json"));
    ({ module: gen, cleanup } = await importGenerated<Generated>(files));
  });
  afterAll(() => cleanup());

  it("writes plain JSON and reads it as the newest version it is valid under", () => {
    const bytes = gen.encodeOrderPlaced?.(ORDER_EVENT) as Uint8Array;
    expect(JSON.parse(new TextDecoder().decode(bytes))).toEqual(ORDER_EVENT);
    expect(gen.decodeOrderPlaced?.(bytes)).toMatchObject({ version: 2 });
    const chf = new TextEncoder().encode(JSON.stringify({ ...ORDER_EVENT, currency: "CHF" }));
    expect(gen.decodeOrderPlaced?.(chf)).toMatchObject({ version: 1 });
    expect(
      thrown(() =>
        gen.decodeOrderPlaced?.(new TextEncoder().encode(JSON.stringify({ ...ORDER_EVENT, orderId: 1 }))),
      ),
    ).toMatchObject({
      code: "invalid-event",
      version: 2,
      path: "/orderId",
      reason: "must be string",
    });
  });
});

describe("generated validators accept exactly what runtime ajv accepts", () => {
  const schemas: { label: string; schema: Json }[] = [
    { label: "order-placed v1", schema: ORDER_V1 },
    { label: "order-placed v2", schema: ORDER_V2 },
    { label: "shipment v1", schema: SHIPMENT_V1 },
  ];
  const rng = createRng(seedOf("generated validators"));
  for (let i = 0; i < 12; i++) {
    schemas.push({
      label: `generated ${i}`,
      schema: generateEventSchema(rng, { properties: [3, 10], defs: i % 3 }),
    });
  }

  it("on valid events, near misses and random values", async () => {
    const subjects = schemas.map(({ label, schema }) =>
      subjectOf(`s${schemas.findIndex((s) => s.label === label)}`, [schema]),
    );
    const files = await render(planOf(subjects, "json"));
    const { module: gen, cleanup } = await importGenerated<Generated>(files);
    try {
      let accepted = 0;
      let rejected = 0;
      for (const [index, { label, schema }] of schemas.entries()) {
        const loaded = loadSchemaValue(schema, label);
        if (!loaded.ok) throw new Error(loaded.error.message);
        const expected = validatorFor(loaded.value.root, loaded.value.draft);
        const guard = gen[`isS${index}V1`] as (value: unknown) => boolean;
        for (const instance of sampleInstances(schema, schema, {
          seed: seedOf(label),
          fromWriter: 150,
          fromReader: 0,
          random: 30,
        })) {
          const verdict = guard(instance);
          expect(verdict, `${label}: ${JSON.stringify(instance)}`).toBe(expected(instance));
          if (verdict) accepted++;
          else rejected++;
        }
      }
      // Both outcomes must be well represented, or the comparison proves little.
      expect(accepted).toBeGreaterThan(300);
      expect(rejected).toBeGreaterThan(300);
    } finally {
      await cleanup();
    }
  });
});
