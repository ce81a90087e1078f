import type { BenchResults } from "../run/results.ts";
import { ms } from "./format.ts";

/** CPU limits of one Workers invocation (Cloudflare's Workers limits page). */
const FREE_PLAN_CPU_MS = 10;
const PAID_DEFAULT_CPU_MS = 30_000;

/** The password-hashing section: CPU per operation against the Workers CPU limits. */
export function hashingSection(results: BenchResults): string {
  if (!results.hashing?.length)
    return "Not measured in this run (`pnpm bench --only password_hashing`).";
  const rows = results.hashing.map(
    (h) =>
      `| ${h.title} | ${ms(h.cpuMsPerOp, 1)} | ${ms(h.wallMsPerOp, 1)} | ${ms(h.cpuMsPerOp / FREE_PLAN_CPU_MS, 1)}× | ${ms((100 * h.cpuMsPerOp) / PAID_DEFAULT_CPU_MS, 2)} % |`,
  );
  const login = results.scenarios.find((s) => s.id === "password_login");
  const perLogin =
    login?.ours.status === "measured"
      ? `\nA whole password login (authorize → form POST → code → token, 3 requests) took ${ms(login.ours.processCpuMs, 1)} ms of workerd process CPU in this run (the CPU table above); its password check is the Argon2id verify row.`
      : "";
  return `| Operation (one workerd, sequential, ${results.hashing[0]?.ops ?? 0} each) | CPU ms | wall ms | of the free plan's ${FREE_PLAN_CPU_MS} ms | of the paid default ${PAID_DEFAULT_CPU_MS / 1000} s |
|---|---:|---:|---:|---:|
${rows.join("\n")}
${perLogin}
Argon2id at OWASP's minimum does not fit the free plan's ${FREE_PLAN_CPU_MS} ms CPU per request; on the
paid plan it is a small share of the default limit. Why Argon2id anyway, and what a free-plan
deployment should do: docs/decisions/passwords.md.`;
}
