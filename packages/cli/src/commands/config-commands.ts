import { writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { stringify } from "yaml";
import type { CoreClient } from "../api/core-client.ts";
import { configJsonSchema, loadConfig } from "../config/load-config.ts";
import type { AuthpiConfig } from "../config/schema.ts";
import { CliError, EXIT } from "../exit-codes.ts";
import { type AppliedChange, applyPlan, type ShownSecret } from "../plan/apply-plan.ts";
import { exportConfig } from "../plan/export-config.ts";
import { keyOf, readLiveState, type Wire } from "../plan/live-state.ts";
import { type Plan, planChanges } from "../plan/plan.ts";
import { planToJson, renderPlan } from "../plan/render-plan.ts";
import { type Context, contextFor, type Io } from "./context.ts";
import { keepSecrets } from "./secrets.ts";

const SCHEMA_COMMENT = "# yaml-language-server: $schema=./authpi.schema.json\n";

/** Issuers whose children the plan needs: the ones the file names, by key or by name. */
function namedIn(config: AuthpiConfig) {
  const names = new Set(Object.values(config.issuers).map((issuer) => issuer.name));
  return (wire: Wire) => {
    const key = keyOf(wire);
    return key !== null ? key in config.issuers : names.has(wire.name as string);
  };
}

async function planFor(ctx: Context, file: string, prune: boolean) {
  const config = await loadConfig(file, ctx.io.env);
  const client = await ctx.client();
  const live = await readLiveState(client, namedIn(config));
  return { client, plan: planChanges(config, live, { prune }) };
}

function printPlan(ctx: Context, plan: Plan, extra: Record<string, unknown> = {}) {
  ctx.print({ ...planToJson(plan), ...extra }, renderPlan(plan));
}

function failOnErrors(plan: Plan): void {
  if (plan.errors.length > 0) {
    throw new CliError(`The plan has ${plan.errors.length} error(s); nothing was changed`);
  }
}

async function apply(
  ctx: Context,
  client: CoreClient,
  plan: Plan,
  options: Record<string, unknown>,
) {
  const secrets: ShownSecret[] = [];
  const keep = {
    secretFile: options.secretsFile as string | undefined,
    githubOutput: options.githubOutput === true,
  };
  let applied: AppliedChange[];
  try {
    applied = await applyPlan(client, plan, (secret) => {
      secrets.push(secret);
    });
  } catch (error) {
    // A secret the Core API showed is not shown again: keep it even when a later change fails.
    if (!(await keepSecrets(ctx, keep, secrets))) {
      for (const s of secrets) ctx.note(`${s.address} ${s.name} (shown once): ${s.value}`);
    }
    throw error;
  }
  const kept = await keepSecrets(ctx, keep, secrets);
  const shown = kept ? [] : secrets;
  const lines = applied.map((change) => `${change.action}d ${change.address} (${change.id})`);
  for (const secret of shown) {
    lines.push(`${secret.address} ${secret.name} (shown once): ${secret.value}`);
  }
  lines.push(`Apply complete: ${applied.length} change(s).`);
  ctx.print({ applied, secrets: shown }, lines.join("\n"));
}

export function registerConfigCommands(program: Command, io: Io): void {
  const fileOption = ["-f, --file <path>", "the configuration file", "authpi.yaml"] as const;

  program
    .command("validate")
    .description("Check authpi.yaml against its schema (no API calls)")
    .option(...fileOption)
    .action(async (options: { file: string }, command: Command) => {
      const ctx = contextFor(command, io);
      const config = await loadConfig(options.file, io.env);
      const issuers = Object.keys(config.issuers).length;
      ctx.print(
        { valid: true, issuers, webhooks: Object.keys(config.webhooks).length },
        `${options.file} is valid`,
      );
    });

  program
    .command("schema")
    .description("Print the JSON Schema of authpi.yaml")
    .action(() => io.stdout(JSON.stringify(configJsonSchema(), null, 2)));

  program
    .command("plan")
    .description("Show what apply would change in the live account")
    .option(...fileOption)
    .option("--prune", "include deletes of managed resources the file no longer lists")
    .option("--detailed-exitcode", "exit 2 when there are changes, 0 when there are none")
    .action(
      async (
        options: { file: string; prune?: boolean; detailedExitcode?: boolean },
        command: Command,
      ) => {
        const ctx = contextFor(command, io);
        const { plan } = await planFor(ctx, options.file, options.prune === true);
        printPlan(ctx, plan);
        failOnErrors(plan);
        if (options.detailedExitcode && plan.changes.length > 0) throw new CliError("", EXIT.drift);
      },
    );

  program
    .command("apply")
    .description(
      "Make the live account match authpi.yaml (creates and updates; deletes with --prune)",
    )
    .option(...fileOption)
    .option("--prune", "delete managed resources the file no longer lists")
    .option(
      "--secrets-file <path>",
      "write one-time secrets of new clients and webhooks here (0600)",
    )
    .option("--github-output", "write one-time secrets to $GITHUB_OUTPUT")
    .action(async (options: Record<string, unknown>, command: Command) => {
      const ctx = contextFor(command, io);
      const { client, plan } = await planFor(ctx, options.file as string, options.prune === true);
      if (!ctx.json) ctx.note(renderPlan(plan));
      failOnErrors(plan);
      if (plan.changes.length === 0) {
        ctx.print({ applied: [], secrets: [] }, "Nothing to do.");
        return;
      }
      await apply(ctx, client, plan, options);
    });

  program
    .command("export")
    .description("Write the live account as authpi.yaml (secrets are never written)")
    .option("-o, --output <path>", "write to this file instead of stdout")
    .action(async (options: { output?: string }, command: Command) => {
      const ctx = contextFor(command, io);
      const live = await readLiveState(await ctx.client(), () => true);
      const { document, warnings } = exportConfig(live);
      for (const warning of warnings) ctx.note(`warning: ${warning}`);
      const text = SCHEMA_COMMENT + stringify(document, { lineWidth: 0 });
      if (options.output) {
        await writeFile(options.output, text);
        ctx.print({ written: options.output }, `wrote ${options.output}`);
      } else if (ctx.json) {
        ctx.print(document);
      } else {
        io.stdout(text.trimEnd());
      }
    });
}
