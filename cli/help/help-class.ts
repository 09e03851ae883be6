import { type Command, CommandHelp, Help } from "@oclif/core";
import { stripAnsi } from "../format/style.js";

/**
 * oclif's help, wrapped at spaces only. oclif wraps hard, so a long word (a usage line's
 * `NONE|BACKWARD|...` option list, a URL) is cut mid-word at the width, 80 when piped; here a word
 * longer than the width stays whole on a line of its own.
 */

/** Wraps each line of `text` (trimmed, as oclif's wrap trims) to `width` visible columns, at spaces only. */
export function wrapWords(text: string, width: number): string {
  return text
    .split("\n")
    .map((line) => {
      const rows: string[] = [];
      let row = "";
      for (const word of line.trim().split(/ +/)) {
        if (row !== "" && stripAnsi(`${row} ${word}`).length > width) {
          rows.push(row);
          row = word;
        } else row = row === "" ? word : `${row} ${word}`;
      }
      rows.push(row);
      return rows.join("\n");
    })
    .join("\n");
}

class AccordCommandHelp extends CommandHelp {
  override wrap(body: string, spacing = this.indentSpacing): string {
    return wrapWords(this.render(body), this.opts.maxWidth - spacing);
  }
}

export default class AccordHelp extends Help {
  override wrap(body: string, spacing = this.indentSpacing): string {
    return wrapWords(this.render(body), this.opts.maxWidth - spacing);
  }

  protected override getCommandHelpClass(command: Command.Loadable): CommandHelp {
    return new AccordCommandHelp(command, this.config, this.opts);
  }
}
