import type { LoadJob } from "../load/load-job.ts";
import type { ProviderMetadata } from "../oauth/metadata.ts";
import type { Profile } from "../profile.ts";
import type { BenchTarget } from "../targets/target.ts";

export interface ScenarioContext {
  target: BenchTarget;
  metadata: ProviderMetadata;
  profile: Profile;
}

/** Jobs are built lazily: single-use codes must be minted right before the run that spends them. */
export interface PreparedScenario {
  warmup?: () => Promise<LoadJob>;
  measured: () => Promise<LoadJob>;
}

export interface Scenario {
  id: string;
  title: string;
  /** What one unit of work is ("request" or "login"). */
  unit: "request" | "login";
  /** What bounds the figure on our side (the design, stated before measuring). */
  bound: string;
  /**
   * Seeds what the scenario needs through the standard endpoints and checks one real exchange,
   * throwing EndpointUnavailable when an endpoint answers 404.
   */
  prepare(context: ScenarioContext): Promise<PreparedScenario>;
}

/** A repeated request, with the same job for warmup (shorter) and measurement. */
export function repeated(
  profile: Profile,
  job: Omit<Extract<LoadJob, { kind: "repeat" }>, "kind" | "durationS" | "connections">,
): PreparedScenario {
  const build = (durationS: number) => async (): Promise<LoadJob> => ({
    kind: "repeat",
    connections: profile.connections,
    durationS,
    ...job,
  });
  return {
    ...(profile.warmupS > 0 ? { warmup: build(profile.warmupS) } : {}),
    measured: build(profile.durationS),
  };
}
