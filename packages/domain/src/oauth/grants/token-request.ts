import { DomainError } from "../../errors.ts";
import type { TokenResponse } from "../../tokens/issue-tokens.ts";
import { authorizationCodeGrant } from "./authorization-code.ts";
import { clientCredentialsGrant } from "./client-credentials.ts";
import type { GrantContext, RequestParams } from "./grant-context.ts";
import { refreshTokenGrant } from "./refresh-token.ts";

const GRANTS = {
  authorization_code: authorizationCodeGrant,
  refresh_token: refreshTokenGrant,
  client_credentials: clientCredentialsGrant,
} as const;

/** Dispatches a token request to its grant (RFC 6749 §5.2 `unsupported_grant_type` otherwise). */
export function tokenRequest(ctx: GrantContext, params: RequestParams): Promise<TokenResponse> {
  const grantType = params.get("grant_type");
  if (!grantType) throw new DomainError("INVALID_REQUEST", "grant_type is required");
  if (!Object.hasOwn(GRANTS, grantType)) {
    throw new DomainError("UNSUPPORTED_GRANT_TYPE", `grant_type ${grantType} is not supported`);
  }
  return GRANTS[grantType as keyof typeof GRANTS](ctx, params);
}
