import {
  exchangeCode,
  type FlowTarget,
  mintCode,
  passwordLogin,
  type WebClient,
} from "../oauth/login-flow.ts";
import type { TokenResponse } from "../oauth/token.ts";
import type { UserAgent } from "../oauth/user-agent.ts";
import type { ScenarioContext } from "./scenario.ts";

export interface Session {
  ua: UserAgent;
  flow: FlowTarget;
  tokens: TokenResponse;
}

const MINT_CONCURRENCY = 16;

/** Logs the bench user in once through the standard flow; the session then mints codes. */
export async function logIn(context: ScenarioContext, client: WebClient): Promise<Session> {
  const flow: FlowTarget = {
    metadata: context.metadata,
    client,
    user: context.target.user,
    scope: context.target.scope,
  };
  const { ua, tokens } = await passwordLogin(flow);
  return { ua, flow, tokens };
}

/** Runs `task` `count` times with bounded concurrency, keeping the results in order. */
async function times<T>(count: number, task: () => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      results[index] = await task();
    }
  };
  await Promise.all(Array.from({ length: Math.min(MINT_CONCURRENCY, count) }, worker));
  return results;
}

/** Codes minted ahead through /authorize with the session (no login page: the user is signed in). */
export function mintCodes(session: Session, count: number) {
  return times(count, () => mintCode(session.ua, session.flow));
}

/** Fresh refresh tokens, each from its own code exchange. */
export async function mintRefreshTokens(session: Session, count: number): Promise<string[]> {
  return times(count, async () => {
    const { code, code_verifier } = await mintCode(session.ua, session.flow);
    const tokens = await exchangeCode(session.flow, code, code_verifier);
    if (!tokens.refresh_token) throw new Error("code exchange returned no refresh_token");
    return tokens.refresh_token;
  });
}
