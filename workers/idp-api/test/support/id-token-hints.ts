import { env } from "cloudflare:workers";
import { createDb } from "@authpi/domain/db";
import { loadKeyRing } from "@authpi/domain/signing-keys";
import { signJwt } from "@authpi/domain/tokens";
import { generateKeyPair, type JWTPayload, SignJWT } from "jose";
import type { Env } from "../../src/env.ts";

const bindings = env as unknown as Env;

/** An ID token signed with this deployment's own key ring, with these claims. */
export async function ownIdToken(claims: JWTPayload): Promise<string> {
  const now = Date.now();
  const ring = await loadKeyRing(createDb(bindings.DB), {
    now,
    secret: bindings.KEY_ENCRYPTION_SECRET,
  });
  return signJwt(ring, "ES256", claims);
}

/** The same claims signed by a key of someone else, under one of our `kid`s. */
export async function foreignIdToken(claims: JWTPayload, kid: string): Promise<string> {
  const { privateKey } = await generateKeyPair("ES256");
  return new SignJWT(claims).setProtectedHeader({ alg: "ES256", kid }).sign(privateKey);
}
