import { Args, loadHelpClass } from "@oclif/core";
import { AccordFailure, accordError } from "../../contracts/errors.js";
import { BaseCommand } from "../base-command.js";

export default class HelpCommand extends BaseCommand<void> {
  static override summary = "Show help for Accord or for one of its commands.";

  static override description = `With no argument, lists the commands; with a command (for example \
\`consumer publish\`), shows its usage, flags and examples, as \`accord <command> --help\` does.

Exit codes: 0 help shown, 2 no such command.`;

  static override examples = [
    "<%= config.bin %> <%= command.id %>",
    "<%= config.bin %> <%= command.id %> check",
  ];

  static override enableJsonFlag = false;
  static override strict = false;

  static override args = {
    command: Args.string({ description: "The command to show help for.", required: false }),
  };

  async run(): Promise<void> {
    const { argv } = await this.parse(HelpCommand);
    const words = (argv as string[]).filter((word) => !word.startsWith("-"));
    const id = words.join(":");
    if (id !== "" && !this.config.findCommand(id) && !this.config.findTopic(id)) {
      throw new AccordFailure(
        accordError("ACCORD_ERR_USAGE", [
          `unknown command "${words.join(" ")}"; \`accord help\` lists the commands`,
        ]),
      );
    }
    const Help = await loadHelpClass(this.config);
    await new Help(this.config, this.config.pjson.oclif.helpOptions).showHelp(words);
  }
}
