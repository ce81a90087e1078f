import { clientGrantTypes } from "../../clients/client-wire.ts";
import { sha256Hex } from "../../crypto/hash.ts";
import { DomainError } from "../../errors.ts";
import type { TokenResponse } from "../../tokens/issue-tokens.ts";
import { DEVICE_CODE_GRANT_TYPE } from "../device-authorization.ts";
import type { RequestParams } from "../request-parameters.ts";
import { exchangeCode } from "./code-exchange.ts";
import { type GrantContext, required } from "./grant-context.ts";
import type { GrantModule } from "./grant-module.ts";

const INVALID = "The device code is invalid or already used";

/**
 * The device authorization grant (RFC 8628 §3.4-3.5): each poll asks the store, which answers
 * pending, slow_down, denied or expired; once the user approved, the code their approval
 * minted is redeemed exactly as at a code exchange, and the device code is spent.
 */
async function deviceCodeGrant(ctx: GrantContext, params: RequestParams): Promise<TokenResponse> {
  if (!clientGrantTypes(ctx.client).includes(DEVICE_CODE_GRANT_TYPE)) {
    throw new DomainError("UNAUTHORIZED_CLIENT", "this client may not use the device grant");
  }
  const deviceHash = await sha256Hex(required(params, "device_code"));
  const poll = await ctx.store.pollDeviceCode(deviceHash, ctx.client.id, ctx.now);
  switch (poll.status) {
    case "approved":
      return exchangeCode(ctx, poll.codeKey, async () => null);
    case "pending":
      throw new DomainError("AUTHORIZATION_PENDING", "the user has not answered yet");
    case "slow_down":
      throw new DomainError(
        "SLOW_DOWN",
        `polling too fast: wait ${poll.intervalS} seconds between requests`,
      );
    case "denied":
      throw new DomainError("DEVICE_ACCESS_DENIED", "the user denied the request");
    case "expired":
      throw new DomainError("EXPIRED_TOKEN", "the device code has expired");
    default:
      throw new DomainError("INVALID_GRANT", INVALID);
  }
}

export const deviceCode: GrantModule<GrantContext> = {
  grantType: DEVICE_CODE_GRANT_TYPE,
  parameters: ["device_code"],
  handler: deviceCodeGrant,
};
