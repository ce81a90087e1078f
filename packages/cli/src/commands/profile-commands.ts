import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { profilesPath, readProfiles } from "../api/credentials.ts";
import { usageError } from "../exit-codes.ts";
import { renderTable } from "../output/table.ts";
import { contextFor, type Io } from "./context.ts";

export function registerProfileCommands(program: Command, io: Io): void {
  program
    .command("whoami")
    .description("Show who the Core API takes the credentials for (GET /v1/me)")
    .action(async (_options: unknown, command: Command) => {
      const ctx = contextFor(command, io);
      const client = await ctx.client();
      const me = await client.request<Record<string, unknown>>("GET", "/v1/me");
      const accounts = (me.data.accounts as { account_id: string; scopes: string[] }[]) ?? [];
      const text = [
        `${String(me.data.type)} ${String(me.data.key_id ?? "")} at ${client.baseUrl}`,
        ...accounts.map((a) => `account ${a.account_id}: ${a.scopes.join(" ") || "(no scopes)"}`),
      ].join("\n");
      ctx.print(me.data, text);
    });

  const profiles = program.command("profiles").description("Named credentials in profiles.json");
  profiles
    .command("set <name>")
    .description("Add or replace a profile")
    .requiredOption("--base-url <url>", "the Core API URL")
    .requiredOption("--api-key <key_id:secret>", "the API key")
    .option("--default", "use it when no profile or AUTHPI_API_KEY is given")
    .action(async (name: string, options: Record<string, string | boolean>, command: Command) => {
      const ctx = contextFor(command, io);
      if (!String(options.apiKey).includes(":")) throw usageError("--api-key wants key_id:secret");
      const file = profilesPath(io.env);
      const current = (await readProfiles(io.env)) ?? { profiles: {} };
      current.profiles[name] = {
        base_url: String(options.baseUrl),
        api_key: String(options.apiKey),
      };
      if (options.default || !current.default) current.default = name;
      await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      await writeFile(file, `${JSON.stringify(current, null, 2)}\n`, { mode: 0o600 });
      ctx.print({ profile: name, file }, `saved profile ${name} in ${file}`);
    });
  profiles
    .command("list")
    .description("List profiles (secrets are not shown)")
    .action(async (_options: unknown, command: Command) => {
      const ctx = contextFor(command, io);
      const current = await readProfiles(io.env);
      const rows = Object.entries(current?.profiles ?? {}).map(([name, p]) => ({
        name,
        base_url: p.base_url,
        key_id: p.api_key.split(":")[0],
        default: current?.default === name ? "*" : "",
      }));
      ctx.print(rows, renderTable(rows, ["name", "base_url", "key_id", "default"]));
    });
}
