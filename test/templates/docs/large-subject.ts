/**
 * A subject whose versions carry hundreds of documented fields, as real payload schemas do: large
 * enough that the HTML site defers each version's details (fields, raw schema, example).
 */

/** Version `version` of a payload with `count` documented properties (one more per version). */
function payload(count: number, version: number): string {
  const properties: Record<string, unknown> = {};
  for (let i = 0; i < count + version; i++) {
    properties[`field_${i}`] = {
      type: "string",
      maxLength: 200,
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
