import { Flags } from "@oclif/core";

/**
 * `--catalog`: the catalog folder, under one name in every command (`--dir` stays as an alias;
 * check, lint, publish, impact and new-version took `--dir`, docs and generate `--catalog`).
 */
export const catalogFlag = Flags.string({
  description: "The catalog folder (holding accord.yaml). Alias: --dir.",
  default: ".",
  aliases: ["dir"],
});
