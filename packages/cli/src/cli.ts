import { Command, CommanderError } from "commander";
import { ApiError } from "./api/api-error.ts";
import { registerConfigCommands } from "./commands/config-commands.ts";
import type { Io } from "./commands/context.ts";
import { registerEvents } from "./commands/event-commands.ts";
import { registerProfileCommands } from "./commands/profile-commands.ts";
import { registerResource } from "./commands/resource-commands.ts";
import { RESOURCES } from "./commands/resource-table.ts";
import { CliError, EXIT, type ExitCode } from "./exit-codes.ts";

export const VERSION = "0.1.0";

function buildProgram(io: Io): Command {
  const program = new Command("authpi")
    .description("Manage an AuthPI account: resources, and authpi.yaml with plan / apply / export")
    .version(VERSION)
    .option("--json", "machine-readable output on stdout")
    .option("--profile <name>", "credentials from this profile (or AUTHPI_PROFILE)")
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout(text.trimEnd()),
      writeErr: (text) => io.stderr(text.trimEnd()),
    });
  registerConfigCommands(program, io);
  for (const def of RESOURCES) registerResource(program, def, io);
  registerEvents(program, io);
  registerProfileCommands(program, io);
  // Subcommands inherit the error handling, so a bad flag anywhere is a usage error.
  const inherit = (command: Command) => {
    for (const sub of command.commands) {
      sub.exitOverride().configureOutput(program.configureOutput());
      inherit(sub);
    }
  };
  inherit(program);
  return program;
}

/** Runs `authpi` with these arguments; returns the exit code (docs/cli.md lists them). */
export async function run(argv: string[], io: Io): Promise<ExitCode> {
  const json = argv.includes("--json");
  try {
    await buildProgram(io).parseAsync(argv, { from: "user" });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      const quiet = ["commander.helpDisplayed", "commander.version", "commander.help"];
      return quiet.includes(error.code) || error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof CliError) {
      if (error.message) {
        if (json) {
          const body = error instanceof ApiError ? error.body : error.details;
          io.stderr(
            JSON.stringify({ error: error.message, code: error.code, details: body ?? null }),
          );
        } else {
          io.stderr(`authpi: ${error.message}`);
        }
      }
      return error.code;
    }
    io.stderr(`authpi: ${(error as Error).stack ?? String(error)}`);
    return EXIT.error;
  }
}
