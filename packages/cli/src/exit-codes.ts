/**
 * What `authpi` exits with, so a pipeline can branch on it (docs/cli.md lists them).
 * 2 means "changes pending", as `terraform plan -detailed-exitcode` uses it.
 */
export const EXIT = {
  ok: 0,
  error: 1,
  drift: 2,
  usage: 3,
  auth: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error the CLI reports in one line and exits on with `code`. */
export class CliError extends Error {
  readonly code: ExitCode;
  readonly details: unknown;

  constructor(message: string, code: ExitCode = EXIT.error, details?: unknown) {
    super(message);
    this.name = "CliError";
    this.code = code;
    this.details = details;
  }
}

/** Bad flags, arguments or a configuration file that does not validate. */
export function usageError(message: string, details?: unknown): CliError {
  return new CliError(message, EXIT.usage, details);
}
