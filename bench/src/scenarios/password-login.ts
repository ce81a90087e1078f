import { passwordLogin } from "../oauth/login-flow.ts";
import type { Scenario } from "./scenario.ts";

export const passwordLoginFlow: Scenario = {
  id: "password_login",
  title: "Password login flow (authorize → login form POST → code → token)",
  unit: "login",
  bound:
    "one Argon2id verify (m=19456 KiB, t=2, p=1), then a session write, a code in the Durable Object and the token exchange",
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
