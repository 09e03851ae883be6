/**
 * A subject whose versions carry hundreds of documented fields, as real payload schemas do: large
 * enough that the HTML site defers each version's details (fields, raw schema, example).
 */

/**
 * Version `version` of a payload with `count` documented properties (one more per version); the
 * first `shortened` of them allow 100 characters instead of 200.
 */
function payload(count: number, version: number, shortened = 0): string {
  const properties: Record<string, unknown> = {};
  for (let i = 0; i < count + version; i++) {
    properties[`field_${i}`] = {
      type: "string",
      maxLength: i < shortened ? 100 : 200,
      description: `Field ${i} of the payload, documented at length as published schemas often are.`,
    };
  }
  return JSON.stringify(
    { $schema: "http://json-schema.org/draft-07/schema#", type: "object", properties },
    null,
    2,
  );
}

/** `schemas/<name>/...` files of a subject with three versions of 401, 402 and 403 fields. */
export function largeSubjectFiles(name: string): [string, string][] {
  return [
    [`schemas/${name}/subject.yaml`, "owners: [payments]\n"],
    [`schemas/${name}/v1.json`, payload(400, 1)],
    [`schemas/${name}/v2.json`, payload(400, 2)],
    [`schemas/${name}/v3.json`, payload(400, 3)],
  ];
}

/** A small subject (a few fields, two versions), which stays inline. */
export function smallSubjectFiles(name: string): [string, string][] {
  return [
    [`schemas/${name}/subject.yaml`, "owners: [payments]\n"],
    [`schemas/${name}/v1.json`, payload(3, 1)],
    [`schemas/${name}/v2.json`, payload(3, 2)],
  ];
}

/**
 * A subject too large for any one page, as CycloneDX's BOM schemas are (300 KB, thousands of
 * field rows): 3,000 documented fields per version, and a v2 that shortens 1,500 of them, so it
 * has 1,500 breaking changes.
 */
export function hugeSubjectFiles(name: string): [string, string][] {
  return [
    [`schemas/${name}/subject.yaml`, "owners: [payments]\n"],
    [`schemas/${name}/v1.json`, payload(3000, 0)],
    [`schemas/${name}/v2.json`, payload(3000, 0, 1500)],
  ];
}
