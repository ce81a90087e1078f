import { env } from "cloudflare:workers";
import {
  authenticatePasskey,
  checkWebAuthnSettings,
  type PasskeyDeps,
  passkeyAuthenticationOptions,
  passkeyRegistrationOptions,
  type RelyingParty,
  registerPasskey,
  relyingPartyFor,
  type WebAuthnSettings,
} from "@authpi/domain/passkeys";
import { seedIssuer } from "@authpi/testkit/factories";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import { issuerStore } from "../src/store.ts";
import { SoftwareAuthenticator } from "./support/software-authenticator.ts";

const bindings = env as unknown as Env;
const T0 = 1_900_000_000_000;
const BASE = "https://id.example.com";

type Seeded = Awaited<ReturnType<typeof seedIssuer>>;

function deps(seeded: Seeded, rp: RelyingParty): PasskeyDeps {
  return {
    db: seeded.db,
    rp,
    challenges: issuerStore(bindings, seeded.issuer.id),
    issuerId: seeded.issuer.id,
  };
}

const ctx = (seeded: Seeded) => ({
  now: T0,
  accountId: seeded.accountId,
  actor: { type: "user" as const, id: seeded.user.id },
  source: "idp-api" as const,
});

/** A user with a passkey registered under the method's settings, by an authenticator at origin/rpId. */
async function enrolled(settings: WebAuthnSettings, origin = BASE, rpId?: string) {
  const seeded = await seedIssuer(bindings.DB, T0);
  const rp = relyingPartyFor(BASE, "", "AuthPI", settings);
  const authenticator = new SoftwareAuthenticator(origin, rpId ?? rp.id);
  const options = await passkeyRegistrationOptions(deps(seeded, rp), seeded.user.id, T0);
  await registerPasskey(deps(seeded, rp), ctx(seeded), seeded.user.id, {
    response: await authenticator.create(options),
  });
  return { seeded, rp, authenticator, options };
}

async function assertWith(
  e: Awaited<ReturnType<typeof enrolled>>,
  overrides: Parameters<SoftwareAuthenticator["get"]>[1] = {},
) {
  const options = await passkeyAuthenticationOptions(deps(e.seeded, e.rp), T0);
  const assertion = await e.authenticator.get(options, overrides);
  return { options, result: await authenticatePasskey(deps(e.seeded, e.rp), assertion, T0) };
}

describe("the webauthn method's rp_id and origins (WebAuthn L3 §5.1.4)", () => {
  it("accepts the host and a registrable suffix of it, refuses anything else naming settings.rp_id", () => {
    for (const rp_id of ["id.example.com", "example.com", "ID.Example.com"]) {
      expect(
        () => checkWebAuthnSettings({ rp_id: rp_id.toLowerCase() }, BASE),
        rp_id,
      ).not.toThrow();
    }
    for (const rp_id of [
      "evil.com",
      "ample.com",
      "com",
      "sub.id.example.com",
      "example.com.evil",
    ]) {
      try {
        checkWebAuthnSettings({ rp_id }, BASE);
        expect.unreachable(rp_id);
      } catch (error) {
        expect((error as { fields?: unknown }).fields, rp_id).toMatchObject([
          { field: "settings.rp_id" },
        ]);
      }
    }
  });

  it("refuses an extra origin that is not on the RP ID, naming it", () => {
    expect(() =>
      checkWebAuthnSettings({ rp_id: "example.com", origins: ["https://login.example.com"] }, BASE),
    ).not.toThrow();
    expect(() => checkWebAuthnSettings({ origins: ["https://login.example.com"] }, BASE)).toThrow(
      /settings\.origins\.0/,
    );
  });

  it("signs ceremonies for the method's rp_id and refuses a credential scoped to another", async () => {
    const good = await enrolled({ rp_id: "example.com" });
    expect(good.options.rp.id).toBe("example.com");
    expect((await assertWith(good)).result).toMatchObject({ status: "ok" });
    // A credential made for the host (the deployment default) is not one for example.com.
    expect((await assertWith(good, { rpId: "id.example.com" })).result).toMatchObject({
      status: "invalid",
      reason: "verification",
    });
  });

  it("accepts a configured extra origin and refuses one that is not configured", async () => {
    const settings = { rp_id: "example.com", origins: ["https://login.example.com"] };
    const e = await enrolled(settings, "https://login.example.com");
    expect((await assertWith(e)).result).toMatchObject({ status: "ok" });
    expect((await assertWith(e, { origin: "https://other.example.com" })).result).toMatchObject({
      status: "invalid",
      reason: "verification",
    });
  });
});

describe("the webauthn method's user_verification", () => {
  it("required: asks for it and refuses an assertion without user verification", async () => {
    const e = await enrolled({ user_verification: "required" });
    const { options, result } = await assertWith(e, { userVerified: false });
    expect(options.userVerification).toBe("required");
    expect(result).toMatchObject({ status: "invalid", reason: "verification" });
    expect((await assertWith(e)).result).toMatchObject({ status: "ok", userVerified: true });
  });

  it("preferred (the default): accepts it without, reported as such", async () => {
    const e = await enrolled({});
    const { options, result } = await assertWith(e, { userVerified: false });
    expect(options.userVerification).toBe("preferred");
    expect(result).toMatchObject({ status: "ok", userVerified: false });
  });

  it("passes resident_key and attestation to the registration options", async () => {
    const e = await enrolled({ resident_key: "preferred", attestation: "direct" });
    expect(e.options.authenticatorSelection).toMatchObject({ residentKey: "preferred" });
    expect(e.options.attestation).toBe("direct");
    const defaults = await enrolled({});
    expect(defaults.options.authenticatorSelection).toMatchObject({ residentKey: "required" });
    expect(defaults.options.attestation).toBe("none");
  });
});
