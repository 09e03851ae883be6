import { Flags } from "@oclif/core";

/** Flags for commands that talk to a registry; the environment variables are the safer route. */
export const registryCredentialFlags = {
  "registry-user": Flags.string({
    description: "User name for the registry's HTTP basic auth (or ACCORD_REGISTRY_USER).",
    helpGroup: "REGISTRY",
  }),
  "registry-password": Flags.string({
    description: "Password for --registry-user (or ACCORD_REGISTRY_PASSWORD, which ps does not show).",
    helpGroup: "REGISTRY",
    dependsOn: ["registry-user"],
  }),
  "registry-token": Flags.string({
    description: "Bearer token for the registry (or ACCORD_REGISTRY_TOKEN, which ps does not show).",
    helpGroup: "REGISTRY",
    exclusive: ["registry-user"],
  }),
};

export interface RegistryCredentialFlags {
  readonly "registry-user"?: string | undefined;
  readonly "registry-password"?: string | undefined;
  readonly "registry-token"?: string | undefined;
}

/**
 * Hands credentials given as flags to the registry client, which reads ACCORD_REGISTRY_* from the
 * environment of this (short-lived CLI) process; flags win over variables already set.
 */
export function useRegistryCredentials(
  flags: RegistryCredentialFlags,
  env: Record<string, string | undefined> = process.env,
): void {
  const token = flags["registry-token"];
  const user = flags["registry-user"];
  if (token !== undefined) {
    env.ACCORD_REGISTRY_TOKEN = token;
  } else if (user !== undefined) {
    delete env.ACCORD_REGISTRY_TOKEN;
    env.ACCORD_REGISTRY_USER = user;
    env.ACCORD_REGISTRY_PASSWORD = flags["registry-password"] ?? "";
  }
}
