import { appendFile, writeFile } from "node:fs/promises";
import { usageError } from "../exit-codes.ts";
import type { Context } from "./context.ts";

export interface SecretOptions {
  secretFile?: string;
  githubOutput?: boolean;
}

export interface Secret {
  /** Output name, e.g. `client_secret`. */
  name: string;
  value: string;
  /** Which resource, for notes and the secrets file. */
  address?: string;
}

/** GitHub Actions output names: letters, digits, `-` and `_`. */
const outputName = (secret: Secret) =>
  [secret.address, secret.name]
    .filter(Boolean)
    .join("_")
    .replace(/[^A-Za-z0-9_-]+/g, "_");

/**
 * Where a one-time secret goes: a file (mode 0600), `$GITHUB_OUTPUT` (masked in the log with
 * `::add-mask::` on GitHub's runners), or, when neither is asked for, the command's own output.
 * Returns whether the secrets were kept out of the printed output.
 */
export async function keepSecrets(
  ctx: Context,
  options: SecretOptions,
  secrets: Secret[],
): Promise<boolean> {
  if (secrets.length === 0 || (!options.secretFile && !options.githubOutput)) return false;
  if (options.secretFile) {
    const text =
      secrets.length === 1 && !secrets[0]?.address
        ? `${secrets[0]?.value}\n`
        : `${JSON.stringify(secrets, null, 2)}\n`;
    await writeFile(options.secretFile, text, { mode: 0o600 });
    ctx.note(`secret written to ${options.secretFile}`);
  }
  if (options.githubOutput) {
    const target = ctx.io.env.GITHUB_OUTPUT;
    if (!target) throw usageError("--github-output needs GITHUB_OUTPUT (set by GitHub Actions)");
    for (const secret of secrets) {
      // Masked for the rest of the job's log; stderr under --json keeps stdout parseable.
      if (ctx.io.env.GITHUB_ACTIONS === "true") {
        (ctx.json ? ctx.io.stderr : ctx.io.stdout)(`::add-mask::${secret.value}`);
      }
      await appendFile(target, `${outputName(secret)}=${secret.value}\n`);
      ctx.note(`secret written to the step output ${outputName(secret)}`);
    }
  }
  return true;
}
