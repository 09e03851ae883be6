#!/usr/bin/env node
// Start-up matters (every CI step pays it), so two things happen before oclif loads:
// - @oclif/core checks the Node version against its own `engines` with semver on import, which
//   loads all of semver. Accord's package.json already requires Node >= 20, above oclif's floor,
//   so the check can never fire here. It must be switched off before the import, hence dynamic.
// - Only the `execute` entry is imported: the package index also loads every public module
//   eagerly, which `accord --version` never needs (commands import the index when they run).
process.env.OCLIF_DISABLE_ENGINE_WARNING ??= "true";
const { execute } = await import("@oclif/core/execute");

await execute({ dir: import.meta.url });
