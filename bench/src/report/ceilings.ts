import type { Outcome } from "../run/outcome.ts";
import type { BenchResults } from "../run/results.ts";

export interface ScenarioCeiling {
  outcome: Outcome;
  /** What the bare worker does, as a table row names it. */
  label: string;
}

/**
 * The bare worker that does only the minimum a scenario must on workerd
 * (`bench/src/ceiling/worker.ts`): what no implementation on this runtime and machine can beat.
 */
export function ceilingFor(results: BenchResults, scenarioId: string): ScenarioCeiling | undefined {
  const measured = runCeilingFor(results, scenarioId);
  const adjacent = results.scenarios.find((s) => s.id === scenarioId)?.adjacent?.ceiling;
  // The same minimum measured right after the scenario, on the same host in the same minute.
  return measured && adjacent?.status === "measured"
    ? { ...measured, outcome: adjacent }
    : measured;
}

/** The scenario's minimum as measured once for the whole run (the ceiling rows of the report). */
function runCeilingFor(results: BenchResults, scenarioId: string): ScenarioCeiling | undefined {
  const stateful = results.statefulCeilings;
  const trivial = results.runtimes?.miniflare.trivial;
  switch (scenarioId) {
    case "client_credentials":
      return { outcome: results.ceiling.outcome, label: "parse + sign one ES256 JWT" };
    case "authorization_code":
    case "refresh_token":
      return stateful
        ? {
            outcome: stateful.token,
            label: "parse + one DO call (SQLite spend and insert) + two ES256 JWTs",
          }
        : undefined;
    case "userinfo":
    case "introspection":
      return stateful
        ? { outcome: stateful.verify, label: "parse + verify one ES256 JWT + one DO read" }
        : undefined;
    case "jwks": {
      const document = results.documentCeiling;
      if (document) return { outcome: document.outcome, label: documentLabel(document.bytes) };
      return trivial ? { outcome: trivial, label: "a GET answered with no work" } : undefined;
    }
    case "discovery":
      return trivial ? { outcome: trivial, label: "a GET answered with no work" } : undefined;
    default:
      return undefined;
  }
}

/** The document ceiling, as a table row names it. */
export function documentLabel(bytes: number): string {
  return `a GET answered with a ${bytes.toLocaleString("en-US")}-byte JSON document held in memory (our JWKS's size)`;
}
