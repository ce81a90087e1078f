import type { Command } from "commander";
import { CoreClient } from "../api/core-client.ts";
import { resolveCredentials } from "../api/credentials.ts";

export interface Io {
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  fetch?: typeof fetch;
}

export interface GlobalOptions {
  json?: boolean;
  profile?: string;
}

/** What every command gets: output that honours `--json`, and a Core API client on demand. */
export interface Context {
  io: Io;
  json: boolean;
  client(): Promise<CoreClient>;
  /** Prints `data` as JSON under `--json`, else the text (or JSON when no text is given). */
  print(data: unknown, text?: string): void;
  /** Progress and notes: stderr, so stdout stays parseable. */
  note(text: string): void;
}

export function contextFor(command: Command, io: Io): Context {
  const options = command.optsWithGlobals<GlobalOptions>();
  const json = options.json === true;
  let client: CoreClient | undefined;
  return {
    io,
    json,
    async client() {
      client ??= new CoreClient(await resolveCredentials(io.env, options.profile), io.fetch);
      return client;
    },
    print(data, text) {
      io.stdout(json || text === undefined ? JSON.stringify(data, null, 2) : text);
    },
    note(text) {
      io.stderr(text);
    },
  };
}
