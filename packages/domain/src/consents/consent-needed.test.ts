import { describe, expect, it } from "vitest";
import { consentNeeded, scopesToAsk } from "./consent-needed.ts";
import { isFirstParty, PORTAL_CLIENT_ID } from "./first-party.ts";

describe("consentNeeded", () => {
  it("asks when nothing is stored, even for openid alone", () => {
    expect(consentNeeded(null, ["openid"])).toBe(true);
    expect(consentNeeded(undefined, ["openid", "email"])).toBe(true);
  });

  it("skips when every requested scope was granted", () => {
    const row = { scopes: ["openid", "email", "profile"] };
    expect(consentNeeded(row, ["openid", "email"])).toBe(false);
    expect(consentNeeded(row, ["openid"])).toBe(false);
  });

  it("asks again for a scope not granted yet, and names only those", () => {
    const row = { scopes: ["openid"] };
    expect(consentNeeded(row, ["openid", "email"])).toBe(true);
    expect(scopesToAsk(row, ["openid", "email", "orders:read"])).toEqual(["email", "orders:read"]);
  });
});

describe("isFirstParty", () => {
  it("is the default, and only an explicit false asks", () => {
    expect(isFirstParty({ id: "c_1", settings: {} })).toBe(true);
    expect(isFirstParty({ id: "c_1", settings: { first_party: true } })).toBe(true);
    expect(isFirstParty({ id: "c_1", settings: { first_party: false } })).toBe(false);
  });

  it("treats the reserved portal client as first-party whatever its setting", () => {
    expect(isFirstParty({ id: PORTAL_CLIENT_ID, settings: { first_party: false } })).toBe(true);
  });
});
