import { exchangeCode } from "../oauth/login-flow.ts";
import { formHeaders } from "../oauth/token.ts";
import type { Scenario } from "./scenario.ts";
import { logIn, mintCodes, type Session } from "./seed-tokens.ts";

function poolJob(session: Session, count: number, connections: number) {
  return async () => {
    const codes = await mintCodes(session, count);
    const { client } = session.flow;
    return {
      kind: "pool" as const,
      url: session.flow.metadata.token_endpoint,
      method: "POST" as const,
      headers: formHeaders(client),
      connections,
      maxS: 30,
      bodies: codes.map(({ code, code_verifier }) =>
        new URLSearchParams({
          grant_type: "authorization_code",
          code,
          redirect_uri: client.redirect_uri,
          code_verifier,
        }).toString(),
      ),
    };
  };
}

export const authorizationCode: Scenario = {
  id: "authorization_code",
  title: "Authorization-code exchange (POST /token, codes minted ahead)",
  unit: "request",
  bound:
    "one Durable Object call (consume the code, open the rp session, file the refresh handle's SHA-256 and read the user's claims snapshot, atomically), no D1 query when the snapshot is warm, PKCE SHA-256, two ES256 signatures (access and ID token; the refresh token is an opaque handle)",
  async prepare(context) {
    const session = await logIn(context, context.target.clients.web);
    const [sample] = await mintCodes(session, 1);
    await exchangeCode(session.flow, sample!.code, sample!.code_verifier);
    const { codes, connections } = context.profile;
    return {
      ...(context.profile.warmupS > 0
        ? { warmup: poolJob(session, Math.max(50, Math.round(codes / 10)), connections) }
        : {}),
      measured: poolJob(session, codes, connections),
    };
  },
};
