import { describe, expect, it } from "vitest";
import { selectByPatterns } from "../../../contracts/codegen/glob.js";
import {
  camelCase,
  isIdentifier,
  kebabCase,
  pascalCase,
  subjectBaseName,
  uniqueName,
} from "../../../contracts/codegen/naming.js";

describe("naming", () => {
  it.each([
    ["order-placed", "OrderPlaced"],
    ["order_placed.v1", "OrderPlacedV1"],
    ["orderPlaced", "OrderPlaced"],
    ["3ds-auth", "_3dsAuth"],
    ["--", ""],
  ])("pascalCase(%j) is %j", (text, expected) => {
    expect(pascalCase(text)).toBe(expected);
  });

  it.each([
    ["OrderPlaced", "order-placed"],
    ["HTTPRequestSeen", "http-request-seen"],
    ["_3dsAuth", "3ds-auth"],
    ["OrderPlacedV2", "order-placed-v2"],
  ])("kebabCase(%j) is %j", (text, expected) => {
    expect(kebabCase(text)).toBe(expected);
  });

  it("drops the TopicNameStrategy -value suffix but keeps -key", () => {
    expect(subjectBaseName("orders-value")).toBe("Orders");
    expect(subjectBaseName("orders-key")).toBe("OrdersKey");
    expect(subjectBaseName("com.acme.OrderPlaced")).toBe("ComAcmeOrderPlaced");
  });

  it("camelCases the contract constant but leaves underscore-led names alone", () => {
    expect(camelCase("OrderPlaced")).toBe("orderPlaced");
    expect(camelCase("_3dsAuth")).toBe("_3dsAuth");
  });

  it("refuses reserved words and non-identifiers", () => {
    expect(isIdentifier("OrderPlaced")).toBe(true);
    expect(isIdentifier("class")).toBe(false);
    expect(isIdentifier("order-placed")).toBe(false);
    expect(isIdentifier("1st")).toBe(false);
  });

  it("makes names unique, with an underscore after a trailing digit and never a global's name", () => {
    expect(uniqueName("Money", new Set())).toBe("Money");
    expect(uniqueName("Money", new Set(["Money"]))).toBe("Money2");
    expect(uniqueName("MoneyV2", new Set(["MoneyV2", "MoneyV2_2"]))).toBe("MoneyV2_3");
    expect(uniqueName("Date", new Set())).toBe("Date2");
  });
});

describe("subject patterns", () => {
  const subjects = ["order-placed", "order-cancelled", "payment.captured", "com.acme/x"];

  it("matches * and ? and treats dots and slashes literally", () => {
    expect(selectByPatterns(subjects, (s) => s, ["order-*"]).selected).toEqual([
      "order-placed",
      "order-cancelled",
    ]);
    expect(selectByPatterns(subjects, (s) => s, ["payment?captured"]).selected).toEqual(["payment.captured"]);
    expect(selectByPatterns(subjects, (s) => s, ["payment.*", "com.acme/x"]).selected).toEqual([
      "payment.captured",
      "com.acme/x",
    ]);
    expect(selectByPatterns(subjects, (s) => s, ["order.placed"]).selected).toEqual([]);
  });

  it("reports the patterns that matched nothing", () => {
    expect(selectByPatterns(subjects, (s) => s, ["order-*", "ordr-*"]).unmatched).toEqual(["ordr-*"]);
  });
});
