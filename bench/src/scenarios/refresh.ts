import { formHeaders, tokenRequest } from "../oauth/token.ts";
import type { Scenario } from "./scenario.ts";
import { logIn, mintRefreshTokens, type Session } from "./seed-tokens.ts";

export const REFRESH_PREFIX = "grant_type=refresh_token&refresh_token=";

function rotateJob(session: Session, connections: number, durationS: number) {
  return async () => ({
    kind: "rotate" as const,
    url: session.flow.metadata.token_endpoint,
    method: "POST" as const,
    headers: formHeaders(session.flow.client),
    connections,
    durationS,
    bodyPrefix: REFRESH_PREFIX,
    tokens: await mintRefreshTokens(session, connections),
  });
}

export const refreshRotation: Scenario = {
  id: "refresh_token",
  title: "Refresh with rotation (POST /token)",
  unit: "request",
  bound:
    "a SHA-256 of the opaque refresh handle (no verification), one Durable Object call (rotate the family atomically and read its grant and the claims snapshot), no D1 query when the snapshot is warm, two ES256 signatures (access and ID token)",
  async prepare(context) {
    const session = await logIn(context, context.target.clients.web);
    const [sample] = await mintRefreshTokens(session, 1);
    const rotated = await tokenRequest(session.flow.metadata.token_endpoint, session.flow.client, {
      grant_type: "refresh_token",
      refresh_token: sample!,
    });
    if (!rotated.refresh_token || rotated.refresh_token === sample) {
      throw new Error("refresh did not rotate the refresh token");
    }
    const { connections, durationS, warmupS } = context.profile;
    return {
      ...(warmupS > 0 ? { warmup: rotateJob(session, connections, warmupS) } : {}),
      measured: rotateJob(session, connections, durationS),
    };
  },
};
