/**
 * Terminal styling for human output. Formatters take a Style so they stay pure and testable:
 * tests pass `plainStyle`, commands pass whatever `styleFor` decides for their stream.
 */

export interface Style {
  readonly enabled: boolean;
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly red: (text: string) => string;
  readonly green: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly cyan: (text: string) => string;
}

const identity = (text: string): string => text;

export const plainStyle: Style = {
  enabled: false,
  bold: identity,
  dim: identity,
  red: identity,
  green: identity,
  yellow: identity,
  cyan: identity,
};

// Each wrapper closes only its own attribute (22 for bold/dim, 39 for colours) so styles nest.
const sgr =
  (open: number, close: number) =>
  (text: string): string =>
    `\u001b[${open}m${text}\u001b[${close}m`;

export const colorStyle: Style = {
  enabled: true,
  bold: sgr(1, 22),
  dim: sgr(2, 22),
  red: sgr(31, 39),
  green: sgr(32, 39),
  yellow: sgr(33, 39),
  cyan: sgr(36, 39),
};

/**
 * Colour only for a person at a terminal: the stream is a TTY and NO_COLOR (https://no-color.org)
 * is unset or empty. CI logs and pipes get plain text.
 */
export function colorEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  const noColor = env.NO_COLOR;
  return stream.isTTY === true && (noColor === undefined || noColor === "");
}

export function styleFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Style {
  return colorEnabled(stream, env) ? colorStyle : plainStyle;
}

/** Removes SGR escape sequences, for one-line messages built from styled library text. */
export function stripAnsi(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching the ESC byte is the point.
  return text.replace(/\u001b\[[0-9;]*m/g, "");
}
