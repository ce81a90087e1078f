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

/** The same request to the same work inside a bare Hono app: the framework's own cost. */
export function honoCeilingScenario(url: string, profile: Profile): PreparedScenario {
  return repeated(profile, {
    url: `${url}/iss_ceiling/hono-token`,
    method: "POST",
    headers: formHeaders({ client_id: "bench-m2m", client_secret: "bench-secret" }),
    body: CLIENT_CREDENTIALS_BODY,
  });
}

/** A GET the ceiling answers without work: what the runtime itself costs per request. */
export function trivialScenario(url: string, profile: Profile): PreparedScenario {
  return repeated(profile, { url, method: "GET", headers: {} });
}

/** A GET answered with a `bytes`-long document held in memory: a JWKS endpoint's minimum. */
export function documentScenario(url: string, bytes: number, profile: Profile): PreparedScenario {
  return repeated(profile, { url: `${url}/document?bytes=${bytes}`, method: "GET", headers: {} });
}

/**
 * A code exchange's minimum on workerd: parse a form, one Durable Object call that spends a
 * single-use row and opens a session in SQLite, two ES256 signatures.
 */
export function statefulTokenScenario(url: string, profile: Profile): PreparedScenario {
  return repeated(profile, {
    url: `${url}/stateful-token`,
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "grant_type=authorization_code&client_id=bench-web&redirect_uri=https%3A%2F%2Fapp.example%2Fcb&code_verifier=x",
  });
}

/** An introspection's minimum: parse a form, one ES256 verification, one Durable Object read. */
export async function statefulVerifyScenario(
  url: string,
  profile: Profile,
): Promise<PreparedScenario> {
  const response = await fetch(`${url}/verifiable-token`, { method: "POST" });
  if (!response.ok) throw new Error(`verifiable-token: HTTP ${response.status}`);
  const { token } = (await response.json()) as { token: string };
  return repeated(profile, {
    url: `${url}/stateful-verify`,
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ token }).toString(),
  });
}
