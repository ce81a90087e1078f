import type { LoadClient } from "../load/load-client.ts";
import type { Profile } from "../profile.ts";
import type { ScenarioReport } from "../run/outcome.ts";
import { failedOutcome, measure } from "../run/run-scenario.ts";
import type { PreparedScenario } from "../scenarios/scenario.ts";
import {
  ceilingScenario,
  documentScenario,
  honoCeilingScenario,
  statefulTokenScenario,
  statefulVerifyScenario,
  trivialScenario,
} from "./ceiling-job.ts";

interface CeilingWorker {
  url: string;
  pid: number;
}

/** The bare-worker request that is a scenario's minimum on workerd; none for the login flow. */
async function minimumOf(
  id: string,
  worker: CeilingWorker,
  profile: Profile,
  jwksBytes: number | undefined,
): Promise<PreparedScenario | undefined> {
  switch (id) {
    case "client_credentials":
      return ceilingScenario(worker.url, profile);
    case "authorization_code":
    case "refresh_token":
      return statefulTokenScenario(worker.url, profile);
    case "userinfo":
    case "introspection":
      return statefulVerifyScenario(worker.url, profile);
    case "jwks":
      return jwksBytes === undefined ? undefined : documentScenario(worker.url, jwksBytes, profile);
    case "discovery":
      return trivialScenario(worker.url, profile);
    default:
      return undefined;
  }
}

/**
 * A scenario's ceiling measured right after ours and the peer ran it, so the ratio to it is
 * taken on the same host in the same minute: on a shared machine the speed drifts over a run,
 * and a ceiling measured minutes later moved "ours / ceiling" by a fifth (docs/decisions/benchmarks.md).
 */
export async function adjacentCeiling(
  id: string,
  worker: CeilingWorker,
  load: LoadClient,
  profile: Profile,
  jwksBytes: number | undefined,
): Promise<ScenarioReport["adjacent"]> {
  try {
    const minimum = await minimumOf(id, worker, profile, jwksBytes);
    if (!minimum) return undefined;
    const ceiling = await measure(load, worker.pid, minimum);
    if (id !== "client_credentials") return { ceiling };
    const hono = await measure(load, worker.pid, honoCeilingScenario(worker.url, profile));
    return { ceiling, hono };
  } catch (error) {
    return { ceiling: failedOutcome(error) };
  }
}
