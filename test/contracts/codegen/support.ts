import { planGeneration } from "../../../contracts/codegen/plan.js";
import type {
  CodegenPlan,
  CodegenSubject,
  ModuleStyle,
  WireFormat,
} from "../../../contracts/codegen/types.js";
import { fingerprint } from "../../../contracts/schema/canonical.js";
import { loadSchemaValue } from "../../../contracts/schema/load.js";
import type { Json } from "../../../contracts/schema/types.js";

/** A codegen subject from plain schema values; version n gets schema id 100 * index + n unless ids are given. */
export function subjectOf(
  subject: string,
  schemas: readonly Json[],
  ids?: readonly number[],
): CodegenSubject {
  return {
    subject,
    registrySubject: `${subject}-value`,
    versions: schemas.map((schema, index) => {
      const loaded = loadSchemaValue(schema, `${subject} v${index + 1}`);
      if (!loaded.ok) throw new Error(loaded.error.message);
      return {
        version: index + 1,
        document: loaded.value,
        fingerprint: fingerprint(loaded.value.root),
        schemaId: ids?.[index] ?? 100 + index + 1,
      };
    }),
  };
}

export function planOf(
  subjects: readonly CodegenSubject[],
  wire: WireFormat = "confluent",
  module: ModuleStyle = "esm",
): CodegenPlan {
  const plan = planGeneration({ subjects, wire, module });
  if (!plan.ok) throw new Error(plan.error.message);
  return plan.value;
}
