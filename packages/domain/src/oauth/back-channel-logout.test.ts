import { describe, expect, it } from "vitest";
import {
  BACKCHANNEL_LOGOUT_EVENT,
  LOGOUT_TOKEN_TTL_S,
  logoutTokenClaims,
} from "./back-channel-logout.ts";

describe("logout token claims (OIDC Back-Channel Logout 1.0 §2.4)", () => {
  it("carries iss, aud, iat, exp, jti, sub, sid and the logout event, and never a nonce", () => {
    const now = 1_900_000_000_000;
    const claims = logoutTokenClaims({
      issuerUrl: "https://id.example/iss_1",
      clientId: "cli_rp",
      userId: "usr_1",
      sid: "s_abc",
      now,
    });
    expect(claims).toMatchObject({
      iss: "https://id.example/iss_1",
      aud: "cli_rp",
      iat: now / 1000,
      exp: now / 1000 + LOGOUT_TOKEN_TTL_S,
      sub: "usr_1",
      sid: "s_abc",
      events: { [BACKCHANNEL_LOGOUT_EVENT]: {} },
    });
    expect(typeof claims.jti).toBe("string");
    expect(claims).not.toHaveProperty("nonce");
    const other = logoutTokenClaims({ issuerUrl: "x", clientId: "c", userId: "u", sid: "s", now });
    expect(other.jti).not.toBe(claims.jti);
  });
});
