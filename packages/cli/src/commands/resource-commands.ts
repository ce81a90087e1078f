import { type Command, Option } from "commander";
import { usageError } from "../exit-codes.ts";
import { renderTable } from "../output/table.ts";
import { type Context, contextFor, type Io } from "./context.ts";
import { type BodyOptions, collectFilter, readBody } from "./read-body.ts";
import type { ResourceDef } from "./resource-table.ts";
import { keepSecrets, type SecretOptions } from "./secrets.ts";

type Wire = Record<string, unknown>;

interface ParentOptions {
  issuer?: string;
  org?: string;
}

async function collectionPath(ctx: Context, def: ResourceDef, options: ParentOptions) {
  const issuer = options.issuer ?? ctx.io.env.AUTHPI_ISSUER_ID;
  if (def.path.includes("{issuer}") && !issuer) {
    throw usageError(
      `${def.name} belong to an issuer: pass --issuer <id> (or set AUTHPI_ISSUER_ID)`,
    );
  }
  if (def.path.includes("{org}") && !options.org) {
    throw usageError(`${def.name} belong to an organization: pass --org <id>`);
  }
  const path = def.path.replace("{issuer}", issuer ?? "").replace("{org}", options.org ?? "");
  return (await ctx.client()).accountPath(path);
}

/** Prints a resource, routing one-time secrets to a file or GitHub output when asked. */
async function printResource(ctx: Context, def: ResourceDef, wire: Wire, options: SecretOptions) {
  const { secrets, redacted } = def.secrets?.(wire) ?? { secrets: [], redacted: wire };
  const kept = await keepSecrets(ctx, options, secrets);
  const shown = kept ? redacted : wire;
  if (!kept && secrets.length > 0 && !ctx.json) {
    ctx.note("The secret below is shown once; it cannot be read again.");
  }
  ctx.print(shown, JSON.stringify(shown, null, 2));
}

function withParents(command: Command, def: ResourceDef): Command {
  if (def.path.includes("{issuer}"))
    command.option("--issuer <id>", "issuer id (or AUTHPI_ISSUER_ID)");
  if (def.path.includes("{org}")) command.option("--org <id>", "organization id");
  return command;
}

function withBody(command: Command): Command {
  return command
    .option("--data <json>", "request body as JSON")
    .option("--file <path>", "request body from a JSON or YAML file (- for stdin)")
    .option("--name <name>", "sets the body's name");
}

function withSecrets(command: Command): Command {
  return command
    .option("--secret-file <path>", "write the one-time secret to this file (mode 0600) instead")
    .option("--github-output", "write the one-time secret to $GITHUB_OUTPUT instead");
}

type Options = ParentOptions & BodyOptions & SecretOptions & Wire;

/** `authpi <resource> list|get|create|update|delete|<action>` for one Core API collection. */
export function registerResource(program: Command, def: ResourceDef, io: Io): void {
  const group = program.command(def.name).description(`Manage ${def.name}`);
  const verb = (op: keyof NonNullable<ResourceDef["verbs"]>) => def.verbs?.[op] ?? op;
  const run =
    (handler: (ctx: Context, args: string[], options: Options) => Promise<void>) =>
    async (...received: unknown[]) => {
      const command = received.at(-1) as Command;
      const args = received.slice(0, -2) as string[];
      await handler(contextFor(command, io), args, command.opts<Options>());
    };

  if (def.ops.includes("list")) {
    withParents(group.command("list"), def)
      .description(`List ${def.name}`)
      .option("--limit <n>", "one page of at most n (default: every page)")
      .option("--cursor <cursor>", "start after this cursor")
      .option("--filter <key=value>", "a list filter (repeatable)", collectFilter)
      .action(
        run(async (ctx, _args, options) => {
          const client = await ctx.client();
          const path = await collectionPath(ctx, def, options);
          const filters = (options.filter as Record<string, string> | undefined) ?? {};
          if (options.limit || options.cursor) {
            const page = await client.request<Wire[]>("GET", path, {
              query: {
                ...filters,
                limit: options.limit as string,
                cursor: options.cursor as string,
              },
            });
            ctx.print(page.raw, renderTable(page.data, def.columns));
            return;
          }
          const items = await client.listAll<Wire>(path, filters);
          ctx.print(items, renderTable(items, def.columns));
        }),
      );
  }
  if (def.ops.includes("get")) {
    withParents(group.command("get <id>"), def)
      .description(`Get one ${def.singular}`)
      .action(
        run(async (ctx, [id], options) => {
          const path = await collectionPath(ctx, def, options);
          const result = await (await ctx.client()).request<Wire>("GET", `${path}/${id}`);
          ctx.print(result.data, JSON.stringify(result.data, null, 2));
        }),
      );
  }
  if (def.ops.includes("create")) {
    withSecrets(withBody(withParents(group.command(verb("create")), def)))
      .description(`Create ${def.singular === "API key" ? "an" : "a"} ${def.singular}`)
      .option("--idempotency-key <key>", "retry-safe creation (the Core API keeps it 24 hours)")
      .action(
        run(async (ctx, _args, options) => {
          const path = await collectionPath(ctx, def, options);
          const result = await (await ctx.client()).request<Wire>("POST", path, {
            body: await readBody(options),
            ...(options.idempotencyKey ? { idempotencyKey: options.idempotencyKey as string } : {}),
          });
          await printResource(ctx, def, result.data, options);
        }),
      );
  }
  if (def.ops.includes("update")) {
    withBody(withParents(group.command(`${verb("update")} <id>`), def))
      .description(`Update ${def.singular === "API key" ? "an" : "a"} ${def.singular}`)
      .option("--if-match <etag>", "only if it still has this ETag (RFC 9110 §13.1.1)")
      .action(
        run(async (ctx, [id], options) => {
          const path = await collectionPath(ctx, def, options);
          const result = await (await ctx.client()).request<Wire>("PATCH", `${path}/${id}`, {
            body: await readBody(options),
            ...(options.ifMatch ? { ifMatch: options.ifMatch as string } : {}),
          });
          ctx.print(result.data, JSON.stringify(result.data, null, 2));
        }),
      );
  }
  if (def.ops.includes("delete")) {
    withParents(group.command(`${verb("delete")} <id>`), def)
      .description(`Delete ${def.singular === "API key" ? "an" : "a"} ${def.singular}`)
      .option("--if-match <etag>", "only if it still has this ETag (RFC 9110 §13.1.1)")
      .action(
        run(async (ctx, [id], options) => {
          const path = await collectionPath(ctx, def, options);
          await (await ctx.client()).request("DELETE", `${path}/${id}`, {
            ...(options.ifMatch ? { ifMatch: options.ifMatch as string } : {}),
          });
          ctx.print({ deleted: id }, `Deleted ${def.singular} ${id}`);
        }),
      );
  }
  for (const action of def.actions ?? []) {
    const command = withParents(group.command(`${action.name} <id>`), def).description(
      action.summary,
    );
    if (def.secrets) withSecrets(command);
    command.addOption(new Option("--data <json>", "request body as JSON").hideHelp()).action(
      run(async (ctx, [id], options) => {
        const path = await collectionPath(ctx, def, options);
        const result = await (await ctx.client()).request<Wire>(
          "POST",
          `${path}/${id}/${action.suffix}`,
          options.data ? { body: await readBody({ data: options.data as string }) } : {},
        );
        await printResource(ctx, def, result.data, options);
      }),
    );
  }
}
