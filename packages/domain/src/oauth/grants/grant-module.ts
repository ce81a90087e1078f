import type { TokenResponse } from "../../tokens/issue-tokens.ts";
import type { RequestParams } from "../request-parameters.ts";

/**
 * One grant of the token endpoint (RFC 6749 §4), in node-oidc-provider's shape: the
 * `grant_type` it answers, the parameters its handler reads (no other is visible to it) and
 * the handler.
 */
export interface GrantModule<Context> {
  grantType: string;
  parameters: readonly string[];
  handler(ctx: Context, params: RequestParams): Promise<TokenResponse>;
}
