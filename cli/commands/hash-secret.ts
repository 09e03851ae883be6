import { Args } from "@oclif/core";
import { AccordFailure, accordError } from "../../contracts/errors.js";
import { BaseCommand } from "../base-command.js";

export interface HashSecretResult {
  readonly kind: "password" | "token";
  /** The line for the users file of `accord serve --auth`. */
  readonly hash: string;
  /** A freshly generated token (kind token only): give it to the client, store only the hash. */
  readonly token?: string;
}

export default class HashSecret extends BaseCommand<HashSecretResult> {
  static override summary =
    "Hash a password, or make a bearer token, for the users file of accord serve --auth.";

  static override description =
    `password: reads the password from standard input (one line) and prints its scrypt hash.
token: generates a random bearer token and prints it with its SHA-256 hash.
The users file holds only hashes; the registry never stores or logs a secret.`;

  static override examples = [
    "printf '%s' \"$PASSWORD\" | <%= config.bin %> <%= command.id %> password",
    "<%= config.bin %> <%= command.id %> token",
  ];

  static override args = {
    kind: Args.string({ options: ["password", "token"], required: true, description: "What to make." }),
  };

  async run(): Promise<HashSecretResult> {
    const { args } = await this.parse(HashSecret);
    const { hashPassword, hashToken, newToken } = await import("../../registry/auth/secrets.js");
    if (args.kind === "token") {
      const token = newToken();
      const hash = hashToken(token);
      this.log(`token: ${token}\nhash:  ${hash}`);
      return { kind: "token", hash, token };
    }
    const password = (await readStdin()).replace(/\r?\n$/, "");
    if (password === "") {
      throw new AccordFailure(accordError("ACCORD_ERR_USAGE", ["pipe the password on standard input"]));
    }
    const hash = hashPassword(password);
    this.log(hash);
    return { kind: "password", hash };
  }
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return "";
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
