import type { BenchResults } from "../run/results.ts";
import { ceilingFor } from "./ceilings.ts";
import { kib, ms, ratio } from "./format.ts";

export interface TargetCheck {
  target: string;
  status: "met" | "met so far" | "not met" | "not measured";
  detail: string;
}

const MIB = 1024 * 1024;

function check(
  target: string,
  value: number | undefined,
  goal: number,
  detail: (v: number) => string,
  missing: string,
): TargetCheck {
  if (value === undefined) return { target, status: "not measured", detail: missing };
  return { target, status: value >= goal ? "met" : "not met", detail: detail(value) };
}

/** The issue's targets, each checked against this run (targets to reach, not test assertions). */
export function checkTargets(results: BenchResults): TargetCheck[] {
  const scenario = (id: string) => results.scenarios.find((s) => s.id === id);
  const why = (id: string) => {
    const s = scenario(id);
    if (!s) return "scenario not run";
    if (s.ours.status === "unavailable")
      return `our endpoint is not available yet (${s.ours.endpoint}: HTTP ${s.ours.httpStatus})`;
    if (s.ours.status === "failed") return `our run failed: ${s.ours.error}`;
    return "the peer or the ceiling was not measured";
  };
  const cc = scenario("client_credentials");
  const ceiling = cc ? ceilingFor(results, cc.id)?.outcome : undefined;
  const vsCeiling = cc && ceiling ? ratio(cc.ours, ceiling) : undefined;
  const vsPeer = (id: string) => {
    const s = scenario(id);
    return s ? ratio(s.ours, s.peer) : undefined;
  };
  const login = scenario("password_login");
  const loginsPerCore =
    login?.ours.status === "measured" && login.ours.processCpuMs > 0
      ? 1000 / login.ours.processCpuMs
      : undefined;
  const checks: TargetCheck[] = [
    check(
      "client_credentials ≥ 0.8 × the bare-worker ceiling",
      vsCeiling,
      0.8,
      (v) => `${v.toFixed(2)}× the ceiling`,
      why("client_credentials"),
    ),
    check(
      "client_credentials ≥ 1.2 × oidc-provider",
      vsPeer("client_credentials"),
      1.2,
      (v) => `${v.toFixed(2)}× oidc-provider`,
      why("client_credentials"),
    ),
    check(
      "refresh ≥ oidc-provider",
      vsPeer("refresh_token"),
      1,
      (v) => `${v.toFixed(2)}× oidc-provider`,
      why("refresh_token"),
    ),
    check(
      "code exchange ≥ oidc-provider",
      vsPeer("authorization_code"),
      1,
      (v) => `${v.toFixed(2)}× oidc-provider`,
      why("authorization_code"),
    ),
    check(
      "password login ≥ 40 logins/s per core",
      loginsPerCore,
      40,
      (v) => `${v.toFixed(1)} logins per CPU-second of workerd`,
      why("password_login"),
    ),
  ];
  const bundles = results.bundles;
  const largest = bundles?.length ? Math.max(...bundles.map((b) => b.gzipBytes)) : undefined;
  checks.push(
    largest === undefined
      ? {
          target: "each worker ≤ 1 MiB gzipped",
          status: "not measured",
          detail: "bundle sizes were not measured in this run",
        }
      : {
          target: "each worker ≤ 1 MiB gzipped",
          status: largest <= MIB ? "met" : "not met",
          detail: `largest ${kib(largest)} gzipped`,
        },
  );
  const others = results.scenarios.filter((s) => s.id !== "password_login");
  const traced = others.filter((s) => s.isolate);
  const untraced = others.filter((s) => !s.isolate);
  const worst = traced.reduce<{ id: string; p99: number } | undefined>(
    (acc, s) => (!acc || s.isolate!.p99Ms > acc.p99 ? { id: s.id, p99: s.isolate!.p99Ms } : acc),
    undefined,
  );
  checks.push(
    worst === undefined
      ? {
          target: "no request except password verification above 5 ms CPU",
          status: "not measured",
          detail: "no scenario of ours was traced",
        }
      : {
          target: "no request except password verification above 5 ms CPU",
          status: worst.p99 > 5 ? "not met" : untraced.length ? "met so far" : "met",
          detail: `highest p99 isolate time ${ms(worst.p99)} ms (${worst.id}) over ${traced.map((s) => s.id).join(", ")}${untraced.length ? `; not measured yet: ${untraced.map((s) => s.id).join(", ")}` : ""}`,
        },
  );
  return checks;
}
