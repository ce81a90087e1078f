import { ROUND_TRIP_COUNTS } from "../../../workers/idp-api/test/round-trip-counts.ts";
import type { BenchResults } from "../run/results.ts";
import { ceilingFor, documentLabel } from "./ceilings.ts";
import {
  coresCell,
  cpuCell,
  kib,
  latencyCell,
  ms,
  rate,
  rateCell,
  ratio,
  ratioCell,
} from "./format.ts";

export function throughputTable(results: BenchResults): string {
  const lines = [
    "| Scenario | AuthPI Edge (/s) | p50 / p99 ms | oidc-provider (/s) | p50 / p99 ms | ours / peer | ours / ceiling |",
    "|---|---:|---:|---:|---:|---:|---:|",
  ];
  for (const s of results.scenarios) {
    const ceiling = ceilingFor(results, s.id);
    const vsCeiling = ceiling ? ratioCell(ratio(s.ours, ceiling.outcome)) : "";
    const unit = s.unit === "login" ? " (logins)" : "";
    lines.push(
      `| ${s.title}${unit} | ${rateCell(s.ours)} | ${latencyCell(s.ours)} | ${rateCell(s.peer)} | ${latencyCell(s.peer)} | ${ratioCell(ratio(s.ours, s.peer))} | ${vsCeiling} |`,
    );
  }
  const c = results.ceiling.outcome;
  lines.push(
    `| Ceiling: bare worker, parse + sign one ES256 JWT | ${rateCell(c)} | ${latencyCell(c)} | | | | 1.00× |`,
  );
  const stateful = results.statefulCeilings;
  if (stateful) {
    for (const [title, o] of [
      ["parse + one DO call (SQLite spend and insert) + two ES256 JWTs", stateful.token],
      ["parse + verify one ES256 JWT + one DO read", stateful.verify],
      ...(stateful.hono
        ? ([
            ["parse + sign one ES256 JWT inside a bare Hono app (one route)", stateful.hono],
          ] as const)
        : []),
    ] as const) {
      lines.push(
        `| Ceiling: bare worker, ${title} | ${rateCell(o)} | ${latencyCell(o)} | | | | 1.00× |`,
      );
    }
  }
  const document = results.documentCeiling;
  if (document) {
    const o = document.outcome;
    lines.push(
      `| Ceiling: bare worker, ${documentLabel(document.bytes)} | ${rateCell(o)} | ${latencyCell(o)} | | | | 1.00× |`,
    );
  }
  return lines.join("\n");
}

function ratioOf(top: number | undefined, bottom: number | undefined): string {
  return top !== undefined && bottom !== undefined && bottom > 0 ? ratioCell(top / bottom) : "–";
}

/**
 * Each round's ratios, in the order they ran, for scenarios run more than once; the tables above
 * show the median round's (run/rounds.ts). Empty when every scenario ran once.
 */
export function roundsTable(results: BenchResults): string {
  const rows = results.scenarios.filter((s) => s.rounds && s.rounds.length > 1);
  if (rows.length === 0) return "";
  const lines = [
    "| Scenario | ours / peer, each round | ours / its ceiling, each round | median round (shown above) |",
    "|---|---:|---:|---:|",
  ];
  for (const s of rows) {
    const rounds = s.rounds ?? [];
    const vsPeer = rounds.map((r) => ratioOf(r.ours, r.peer)).join(" · ");
    const vsCeiling = rounds.map((r) => ratioOf(r.ours, r.ceiling)).join(" · ");
    lines.push(`| ${s.id} | ${vsPeer} | ${vsCeiling} | ${ratioCell(ratio(s.ours, s.peer))} |`);
  }
  return lines.join("\n");
}

/**
 * The storage round trips and signatures of one warm request, as `round-trips.test.ts` asserts
 * them in the Workers pool (counts, not timings: the same on every machine).
 */
export function countsCell(scenarioId: string): string {
  const c = ROUND_TRIP_COUNTS[scenarioId];
  if (!c) return "–";
  return `${c.doCalls} · ${c.d1Queries} (${c.d1Statements}) · ${c.signatures} · ${c.verifications}`;
}

/**
 * Counted paths with no timed scenario of their own (the DPoP variants of the token paths): the
 * counts are asserted by the pool tests all the same, so the report shows them.
 */
export function countedOnlyTable(results: BenchResults): string {
  const timed = new Set(results.scenarios.map((s) => s.id));
  const lines = [
    "| Path | counted per warm request: DO calls · D1 queries (statements) · signatures · verifications |",
    "|---|---:|",
  ];
  for (const id of Object.keys(ROUND_TRIP_COUNTS).sort()) {
    if (!timed.has(id)) lines.push(`| ${id} | ${countsCell(id)} |`);
  }
  return lines.join("\n");
}

export function cpuTable(results: BenchResults): string {
  const lines = [
    "| Scenario | ours: workerd process CPU ms / unit | ours: cores busy | ours: isolate time per request p50 / p99 (max) ms | ours: DO + local D1/Queue simulators ms / request | ours, counted per warm request: DO calls · D1 queries (statements) · signatures · verifications | oidc-provider: Node process CPU ms / unit | oidc-provider: cores busy |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const s of results.scenarios) {
    const iso = s.isolate
      ? `${ms(s.isolate.p50Ms, 3)} / ${ms(s.isolate.p99Ms, 3)} (${ms(s.isolate.maxMs)})`
      : "–";
    const other = s.isolate ? ms(s.isolate.otherMsPerRequest, 3) : "–";
    lines.push(
      `| ${s.id} | ${cpuCell(s.ours)} | ${coresCell(s.ours)} | ${iso} | ${other} | ${countsCell(s.id)} | ${cpuCell(s.peer)} | ${coresCell(s.peer)} |`,
    );
  }
  const c = results.ceiling;
  const iso = c.isolate
    ? `${ms(c.isolate.p50Ms, 3)} / ${ms(c.isolate.p99Ms, 3)} (${ms(c.isolate.maxMs)})`
    : "–";
  lines.push(`| ceiling | ${cpuCell(c.outcome)} | ${coresCell(c.outcome)} | ${iso} | – | – | | |`);
  return lines.join("\n");
}

export function bundleTable(results: BenchResults): string {
  if (!results.bundles) return "_Not measured in this run._";
  const lines = ["| Worker | raw | gzipped |", "|---|---:|---:|"];
  for (const b of results.bundles)
    lines.push(`| ${b.worker} | ${kib(b.rawBytes)} | ${kib(b.gzipBytes)} |`);
  return lines.join("\n");
}

export function coldStartTable(results: BenchResults): string {
  const cold = results.coldStarts;
  if (!cold) return "_Not measured in this run._";
  const median = (values: number[]) =>
    [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)] ?? 0;
  const row = (name: string, values: number[], what: string) =>
    `| ${name} | ${ms(median(values), 0)} | ${values.map((v) => ms(v, 0)).join(", ")} | ${what} |`;
  return [
    "| System | median ms | runs (ms) | from → to |",
    "|---|---:|---|---|",
    row(
      "AuthPI Edge (3 workers)",
      cold.ours,
      "`new Miniflare()` (spawns workerd, compiles 3 workers) → first 200 from discovery (reads D1)",
    ),
    row("oidc-provider", cold.peer, "spawning `node` → first 200 from discovery"),
    row("ceiling worker", cold.ceiling, "`new Miniflare()` → first 200"),
  ].join("\n");
}

export function runtimeTable(results: BenchResults): string {
  const rt = results.runtimes;
  if (!rt) return "_Not measured in this run._";
  const row = (name: string, a: (typeof rt)["miniflare"]["trivial"], b: typeof a) =>
    `| ${name} | ${rateCell(a)} | ${latencyCell(a)} | ${rateCell(b)} | ${latencyCell(b)} | ${ratioCell(ratio(a, b))} |`;
  return [
    "| Request | Miniflare direct socket (/s) | p50 / p99 ms | plain `workerd serve` (/s) | p50 / p99 ms | Miniflare / plain |",
    "|---|---:|---:|---:|---:|---:|",
    row("GET, no work", rt.miniflare.trivial, rt.plain.trivial),
    row("POST, parse + sign one ES256 JWT", rt.miniflare.sign, rt.plain.sign),
  ].join("\n");
}

export function startupLine(results: BenchResults): string {
  const t = results.oursStartup;
  return `Our system in this run: bundling ${ms(t.buildMs, 0)} ms, D1 migrations ${ms(t.migrateMs, 0)} ms (wrangler), Miniflare to ready ${ms(t.runtimeReadyMs, 0)} ms.`;
}

export { rate };
