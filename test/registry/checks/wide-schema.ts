/** An object schema with `count` properties, as generated models produce them. */
export function wideSchema(count: number, extra: Record<string, unknown> = {}) {
  const properties: Record<string, unknown> = {};
  for (let index = 0; index < count; index++) {
    properties[`field_${index}`] = { type: index % 3 === 0 ? "integer" : "string", maxLength: 64 };
  }
  return { type: "object", properties, ...extra };
}
