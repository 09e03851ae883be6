import type { Catalog } from "../../contracts/catalog/types.js";
import { withKnownConsumers } from "../../contracts/consumers/known.js";
import { AccordFailure } from "../../contracts/errors.js";
import { RegistryClient } from "../../registry/client.js";
import { lacksEndpoint } from "./registry-check.js";

/**
 * `accord check --registry`: the consumers the registry knows (`accord consumer publish`) join the
 * catalog's own before the gate runs, so a producer's change is judged on them too. A registry
 * without Accord's `/accord/v1` routes (Confluent's) simply knows none.
 */
export async function withRegistryConsumers(
  catalog: Catalog,
  url: string,
  warn: (message: string) => void,
): Promise<Catalog> {
  const client = new RegistryClient({ url });
  const listed = await client.listConsumers();
  if (!listed.ok) {
    if (lacksEndpoint(listed.error)) return catalog;
    throw new AccordFailure(listed.error);
  }
  const joined = withKnownConsumers(catalog, listed.value, `the registry at ${client.url}`);
  for (const warning of joined.warnings) warn(warning);
  return joined.catalog;
}
