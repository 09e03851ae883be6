import { describe, expect, it } from "vitest";
import { docsModelFromCatalog } from "../../../contracts/docs/build.js";
import { searchIndex } from "../../../contracts/docs/search.js";
import { fixtureCatalog } from "./fixture.js";

const index = searchIndex(docsModelFromCatalog(fixtureCatalog(), { changes: false }));

function propsOf(name: string): Map<string, number> {
  const row = index.s.find((r) => r[0] === name);
  if (!row) throw new Error(`no row for ${name}`);
  const props = new Map<string, number>();
  for (let i = 0; i < row[6].length; i += 2)
    props.set(index.p[row[6][i] as number] as string, row[6][i + 1] as number);
  return props;
}

describe("searchIndex", () => {
  it("has one row per subject with name, slug, description, latest version, flags and tags", () => {
    expect(index.v).toBe(1);
    expect(index.s.map((r) => r[0])).toEqual([
      "audit-entry",
      "customer-registered",
      "customer-signed-up",
      "order-placed",
      "payment-captured",
    ]);
    const registered = index.s.find((r) => r[0] === "customer-registered");
    expect(registered?.slice(0, 6)).toEqual([
      "customer-registered",
      "customer-registered",
      "A customer created an account <b>(legacy)</b>.",
      1,
      1,
      "customers",
    ]);
  });

  it("maps each property path to the latest version that has it", () => {
    const order = propsOf("order-placed");
    expect(order.get("couponCode")).toBe(2);
    expect(order.get("customer.email")).toBe(3);
    expect(order.get("items[].sku")).toBe(3);
  });

  it("stores each path once, leaves out item and option markers", () => {
    expect(new Set(index.p).size).toBe(index.p.length);
    expect(index.p).toContain("method(1).last4");
    expect(index.p.some((p) => /^option \d|(^|\.)\[\]$/.test(p))).toBe(false);
  });
});
