import { env } from "cloudflare:workers";
import { addVerifier, CreateAgentInput, createAgent } from "@authpi/domain/agents";
import { allowAgent } from "@authpi/domain/consents";
import { seedIssuer } from "@authpi/testkit/factories";
import type { Env } from "../../src/env.ts";
import { loginWithCode } from "./login-flow.ts";
import { postForm } from "./raw-flow.ts";

export const TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
export const ACCESS_TOKEN = "urn:ietf:params:oauth:token-type:access_token";

const DB = (env as unknown as Env).DB;

/** An issuer, an agent (`email` and `phone`) with a secret, and Alice's tokens for `openid email profile`. */
export async function seedExchange(options: { consent?: boolean; now?: number } = {}) {
  const seeded = await seedIssuer(DB, options.now);
  const agent = await createAgent(
    seeded.db,
    seeded.ctx,
    seeded.issuer.id,
    CreateAgentInput.parse({ name: "mail-bot", scopes: ["email", "phone"] }),
  );
  const { secret } = await addVerifier(seeded.db, seeded.ctx, seeded.issuer.id, agent.id, {
    type: "secret",
  });
  if (options.consent !== false) {
    await allowAgent(seeded.db, seeded.ctx, seeded.issuer.id, seeded.user.id, {
      agent_id: agent.id,
    });
  }
  const { tokens } = await loginWithCode(seeded, { scope: "openid email profile" });
  return { seeded, agent, secret: secret as string, tokens };
}

/** A token-exchange request as the agent (HTTP Basic), with the user's access token by default. */
export function exchangeAs(
  setup: Awaited<ReturnType<typeof seedExchange>>,
  overrides: Record<string, string | null> = {},
): Promise<Response> {
  const body: Record<string, string> = {
    grant_type: TOKEN_EXCHANGE,
    subject_token: setup.tokens.access_token,
    subject_token_type: ACCESS_TOKEN,
  };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === null) delete body[key];
    else body[key] = value;
  }
  return postForm(`/${setup.seeded.issuer.id}/token`, body, {
    id: setup.agent.id,
    secret: setup.secret,
  });
}
