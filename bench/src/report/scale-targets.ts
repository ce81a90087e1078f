import { ROUND_TRIP_COUNTS } from "../../../workers/idp-api/test/round-trip-counts.ts";
import type { BenchResults } from "../run/results.ts";
import { ceilingFor } from "./ceilings.ts";
import { ms, ratio } from "./format.ts";

export interface ScaleTargetCheck {
  target: string;
  status: "met" | "not met" | "out of reach here" | "not measured";
  detail: string;
  /** The runtime's own bound on this machine, when one was measured. */
  bound: string;
}

const TITLES: Record<string, string> = {
  authorization_code: "code exchange",
  refresh_token: "refresh",
  userinfo: "userinfo",
  introspection: "introspection",
  jwks: "JWKS",
};

/**
 * A throughput target against oidc-provider, with the bound: the bare worker that does only the
 * scenario's minimum on workerd, as a multiple of the peer. When even that is below the goal,
 * the target cannot be reached on this runtime and machine ("out of reach here").
 */
function vsPeer(results: BenchResults, id: string, goal: number): ScaleTargetCheck {
  const target = `${TITLES[id]} ≥ ${goal.toFixed(1)}× oidc-provider`;
  const s = results.scenarios.find((x) => x.id === id);
  const value = s ? ratio(s.ours, s.peer) : undefined;
  if (!s || value === undefined) {
    return { target, status: "not measured", detail: "not measured in this run", bound: "–" };
  }
  const ceiling = ceilingFor(results, id);
  const reach = ceiling ? ratio(ceiling.outcome, s.peer) : undefined;
  const bound =
    ceiling && reach !== undefined
      ? `the bare worker (${ceiling.label}) reaches ${reach.toFixed(2)}× oidc-provider; ours is ${ratio(s.ours, ceiling.outcome)?.toFixed(2)}× that bare worker`
      : "–";
  const status =
    value >= goal ? "met" : reach !== undefined && reach < goal ? "out of reach here" : "not met";
  return { target, status, detail: `${value.toFixed(2)}× oidc-provider`, bound };
}

/**
 * client_credentials against the bare ES256 ceiling, with the bound: the same ceiling inside a
 * bare Hono app (the framework the design names). When that alone is below the goal, no Hono
 * worker can meet it here.
 */
function clientCredentialsVsCeiling(results: BenchResults): ScaleTargetCheck {
  const target = "client_credentials ≥ 0.85× the bare ES256 ceiling";
  const cc = results.scenarios.find((s) => s.id === "client_credentials");
  const ceiling = cc ? ceilingFor(results, cc.id)?.outcome : undefined;
  const value = cc && ceiling ? ratio(cc.ours, ceiling) : undefined;
  if (!cc || !ceiling || value === undefined) {
    return { target, status: "not measured", detail: "not measured", bound: "–" };
  }
  const adjacent = cc.adjacent?.hono;
  const hono = adjacent?.status === "measured" ? adjacent : results.statefulCeilings?.hono;
  const reach = hono ? ratio(hono, ceiling) : undefined;
  const bound =
    reach === undefined || !hono
      ? "–"
      : `the same ceiling inside a bare Hono app (one route) reaches ${reach.toFixed(2)}× the ceiling; ours is ${ratio(cc.ours, hono)?.toFixed(2)}× that Hono app`;
  const status =
    value >= 0.85 ? "met" : reach !== undefined && reach < 0.85 ? "out of reach here" : "not met";
  return { target, status, detail: `${value.toFixed(2)}× the ceiling`, bound };
}

/** Performance issue 16's targets (docs/decisions/round-trips.md), each checked against this run. */
export function checkScaleTargets(results: BenchResults): ScaleTargetCheck[] {
  const checks = [
    ...["authorization_code", "refresh_token", "userinfo"].map((id) => vsPeer(results, id, 0.6)),
    ...["introspection", "jwks"].map((id) => vsPeer(results, id, 1.0)),
  ];
  const p99s = ["authorization_code", "refresh_token", "userinfo"].map((id) => ({
    id,
    p99: results.scenarios.find((s) => s.id === id)?.isolate?.p99Ms,
  }));
  const traced = p99s.filter((p): p is { id: string; p99: number } => p.p99 !== undefined);
  checks.push({
    target: "code exchange, refresh, userinfo: p99 isolate time ≤ 2 ms",
    status:
      traced.length < p99s.length
        ? "not measured"
        : traced.every((p) => p.p99 <= 2)
          ? "met"
          : "not met",
    detail: traced.map((p) => `${p.id} ${ms(p.p99, 2)} ms`).join(", ") || "not traced",
    bound: "–",
  });
  checks.push(clientCredentialsVsCeiling(results));
  const counted = ["authorization_code", "refresh_token", "userinfo"].map((id) => ({
    id,
    c: ROUND_TRIP_COUNTS[id],
  }));
  const within = counted.every(({ c }) => c && c.doCalls <= 1 && c.d1Queries === 0);
  checks.push({
    target: "code exchange, refresh, userinfo warm: ≤ 1 Durable Object call, 0 D1 queries",
    status: within ? "met" : "not met",
    detail: counted
      .map(({ id, c }) => (c ? `${id} ${c.doCalls} DO · ${c.d1Queries} D1` : `${id} not counted`))
      .join(", "),
    bound: "asserted by workers/idp-api/test/round-trips.test.ts",
  });
  return checks;
}
