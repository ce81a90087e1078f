import { clientGrantTypes } from "../../clients/client-wire.ts";
import { DomainError } from "../../errors.ts";
import type { TokenResponse } from "../../tokens/issue-tokens.ts";
import { verifyPkce } from "../pkce.ts";
import type { RequestParams } from "../request-parameters.ts";
import { codeKey } from "../shard-routing.ts";
import { exchangeCode } from "./code-exchange.ts";
import { type GrantContext, required, resourceParams } from "./grant-context.ts";
import type { GrantModule } from "./grant-module.ts";

/**
 * The authorization_code grant (RFC 6749 §4.1.3, RFC 7636 §4.6): redeems the code once in the
 * issuer store, which opens the rp session; any later check that fails revokes it again.
 */
async function authorizationCodeGrant(
  ctx: GrantContext,
  params: RequestParams,
): Promise<TokenResponse> {
  if (!clientGrantTypes(ctx.client).includes("authorization_code")) {
    throw new DomainError("UNAUTHORIZED_CLIENT", "this client may not use authorization_code");
  }
  const code = required(params, "code");
  const verifier = params.get("code_verifier");
  const requestedResources = resourceParams(params);
  const redirectUri = params.get("redirect_uri");
  return exchangeCode(
    ctx,
    await codeKey(code),
    async (grant) => {
      if (redirectUri !== grant.redirectUri)
        return "redirect_uri does not match the authorization request";
      if (grant.codeChallenge === null && verifier !== null) {
        return "code_verifier sent but the authorization request had no code_challenge";
      }
      if (grant.codeChallenge !== null) {
        if (verifier === null) return "code_verifier is required";
        if (!(await verifyPkce(grant.codeChallenge, verifier))) return "PKCE verification failed";
      }
      return null;
    },
    requestedResources,
  );
}

export const authorizationCode: GrantModule<GrantContext> = {
  grantType: "authorization_code",
  parameters: ["code", "redirect_uri", "code_verifier", "resource"],
  handler: authorizationCodeGrant,
};
