import { formHeaders } from "../oauth/token.ts";
import type { Profile } from "../profile.ts";
import { CLIENT_CREDENTIALS_BODY } from "../scenarios/client-credentials.ts";
import { type PreparedScenario, repeated } from "../scenarios/scenario.ts";

/** The client_credentials request of the scenario, sent to the ceiling worker. */
export function ceilingScenario(url: string, profile: Profile): PreparedScenario {
  return repeated(profile, {
    url: `${url}/token`,
    method: "POST",
    headers: formHeaders({ client_id: "bench-m2m", client_secret: "bench-secret" }),
    body: CLIENT_CREDENTIALS_BODY,
  });
}

/** A GET the ceiling answers without work: what the runtime itself costs per request. */
export function trivialScenario(url: string, profile: Profile): PreparedScenario {
  return repeated(profile, { url, method: "GET", headers: {} });
}
