import type { Command } from "commander";
import { usageError } from "../exit-codes.ts";
import { renderTable } from "../output/table.ts";
import { contextFor, type Io } from "./context.ts";
import { tailEvents } from "./events-tail.ts";
import { collectFilter } from "./read-body.ts";

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `--since 10m` (ago), or a time in ms since the epoch, or an ISO 8601 date. */
export function parseSince(value: string, now: number): number {
  const relative = /^(\d+)([smhd])$/.exec(value);
  if (relative) return now - Number(relative[1]) * (UNITS[relative[2] as string] as number);
  if (/^\d+$/.test(value)) return Number(value);
  const date = Date.parse(value);
  if (Number.isNaN(date))
    throw usageError(`--since wants 10m, 2h, ms or an ISO date, got "${value}"`);
  return date;
}

const COLUMNS = ["id", "type", "occurred_at", "subject", "actor"] as const;

function eventLine(event: Record<string, unknown>): string {
  const subject = event.subject as { type: string; id: string };
  const at = new Date(event.occurred_at as number).toISOString();
  return `${at}  ${event.type as string}  ${subject.type}:${subject.id}  ${event.id as string}`;
}

export function registerEvents(program: Command, io: Io): void {
  const events = program.command("events").description("Read and follow the audit trail");
  const filters = (command: Command) =>
    command
      .option("--issuer <id>", "only this issuer's events")
      .option("--types <types>", "comma-separated types or prefix.* patterns")
      .option("--filter <key=value>", "any other list filter (repeatable)", collectFilter);
  const query = (options: Record<string, unknown>) => ({
    ...(options.filter as Record<string, string> | undefined),
    ...(options.issuer ? { issuer_id: options.issuer as string } : {}),
    ...(options.types ? { event_types: options.types as string } : {}),
  });

  filters(events.command("list"))
    .description("List events, newest first (one page)")
    .option("--limit <n>", "at most n", "50")
    .option("--cursor <cursor>", "the next_cursor of the previous page")
    .action(async (options: Record<string, unknown>, command: Command) => {
      const ctx = contextFor(command, io);
      const client = await ctx.client();
      const page = await client.request<Record<string, unknown>[]>(
        "GET",
        await client.accountPath("/events"),
        {
          query: {
            ...query(options),
            limit: options.limit as string,
            cursor: options.cursor as string,
          },
        },
      );
      ctx.print(page.raw, renderTable(page.data, COLUMNS));
    });

  events
    .command("get <id>")
    .description("Get one event")
    .action(async (id: string, _options: unknown, command: Command) => {
      const ctx = contextFor(command, io);
      const client = await ctx.client();
      const result = await client.request("GET", await client.accountPath(`/events/${id}`));
      ctx.print(result.data);
    });

  filters(events.command("tail"))
    .description("Follow new events as they happen (Ctrl-C stops); --json prints one per line")
    .option("--since <when>", "start from 10m ago, a time in ms, or an ISO date")
    .option("--interval <ms>", "poll every ms", "2000")
    .option("--max-events <n>", "stop after n events")
    .action(async (options: Record<string, unknown>, command: Command) => {
      const ctx = contextFor(command, io);
      const abort = new AbortController();
      const stop = () => abort.abort();
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
      try {
        await tailEvents(
          await ctx.client(),
          {
            ...(options.since ? { since: parseSince(options.since as string, Date.now()) } : {}),
            intervalMs: Number(options.interval),
            filters: query(options),
            ...(options.maxEvents ? { maxEvents: Number(options.maxEvents) } : {}),
            signal: abort.signal,
            onReady: (at) => ctx.note(`following events from ${new Date(at).toISOString()}`),
          },
          (event) => io.stdout(ctx.json ? JSON.stringify(event) : eventLine(event)),
        );
      } finally {
        process.off("SIGINT", stop);
        process.off("SIGTERM", stop);
      }
    });
}
