import { passwordLogin } from "../oauth/login-flow.ts";
import type { Scenario } from "./scenario.ts";

export const passwordLoginFlow: Scenario = {
  id: "password_login",
  title: "Password login flow (authorize → login form POST → code → token)",
  unit: "login",
  bound:
    "PBKDF2-SHA256 at 100,000 iterations (the Workers cap), then a session write, a code in the Durable Object and the token exchange",
  async prepare({ target, metadata, profile }) {
    const flow = {
      metadata,
      client: target.clients.web,
      user: target.user,
      scope: target.scope,
    };
    await passwordLogin(flow);
    const build = (durationS: number) => async () => ({
      kind: "flow" as const,
      target: flow,
      concurrency: profile.flowConcurrency,
      durationS,
    });
    return {
      ...(profile.warmupS > 0 ? { warmup: build(profile.warmupS) } : {}),
      measured: build(profile.durationS),
    };
  },
};
