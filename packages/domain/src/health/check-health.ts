/** One dependency's answer: resolves when it works. */
export type HealthProbe = () => Promise<unknown>;

export interface HealthReport {
  status: "ok" | "failing";
  checks: Record<string, "ok" | "failing">;
}

/** Runs every probe at once; the report fails when any of them throws. */
export async function checkHealth(probes: Record<string, HealthProbe>): Promise<HealthReport> {
  const names = Object.keys(probes);
  const results = await Promise.allSettled(names.map((name) => probes[name]!()));
  const checks = Object.fromEntries(
    names.map((name, i) => [name, results[i]!.status === "fulfilled" ? "ok" : "failing"] as const),
  );
  const status = Object.values(checks).every((v) => v === "ok") ? "ok" : "failing";
  return { status, checks };
}

/** A query D1 must answer: proves the binding and the database. */
export function pingDatabase(db: D1Database): Promise<unknown> {
  return db.prepare("SELECT 1").first();
}

/** The Durable Object name the health probes use: no issuer has it (issuer ids are prefixed). */
export const HEALTH_PROBE_OBJECT = "healthz";
