import { env } from "cloudflare:workers";
import { events, userVerifiers } from "@authpi/domain/db";
import {
  authenticatePasskey,
  type PasskeyDeps,
  passkeyAuthenticationOptions,
  passkeyRegistrationOptions,
  registerPasskey,
  relyingParty,
} from "@authpi/domain/passkeys";
import { seedIssuer } from "@authpi/testkit/factories";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import { issuerStore } from "../src/store.ts";
import { SoftwareAuthenticator } from "./support/software-authenticator.ts";

const bindings = env as unknown as Env;
const T0 = 1_900_000_000_000;
const rp = relyingParty("https://id.example.com", "", "AuthPI");

type Seeded = Awaited<ReturnType<typeof seedIssuer>>;

function deps(seeded: Seeded): PasskeyDeps {
  return {
    db: seeded.db,
    rp,
    challenges: issuerStore(bindings, seeded.issuer.id),
    issuerId: seeded.issuer.id,
  };
}

function ctx(seeded: Seeded, now: number) {
  return {
    now,
    accountId: seeded.accountId,
    actor: { type: "user" as const, id: seeded.user.id },
    source: "idp-api" as const,
  };
}

async function enrolled() {
  const seeded = await seedIssuer(bindings.DB, T0);
  const authenticator = new SoftwareAuthenticator(rp.origin, rp.id);
  const options = await passkeyRegistrationOptions(deps(seeded), seeded.user.id, T0);
  const row = await registerPasskey(deps(seeded), ctx(seeded, T0), seeded.user.id, {
    response: await authenticator.create(options),
    name: "laptop",
  });
  return { seeded, authenticator, row };
}

async function signIn(
  seeded: Seeded,
  authenticator: SoftwareAuthenticator,
  now: number,
  overrides: Parameters<SoftwareAuthenticator["get"]>[1] = {},
) {
  const options = await passkeyAuthenticationOptions(deps(seeded), now);
  return authenticatePasskey(deps(seeded), await authenticator.get(options, overrides), now);
}

describe("relying party from configuration", () => {
  it("takes the RP ID from the setting, else the host of the base URL", () => {
    expect(relyingParty("https://id.example.com:8443/x", "", "n")).toMatchObject({
      id: "id.example.com",
      name: "n",
      origin: "https://id.example.com:8443",
    });
    expect(relyingParty("https://id.example.com", "example.com", "n").id).toBe("example.com");
  });
});

describe("passkey registration", () => {
  it("stores a webauthn verifier with its key, counter, transports and backup flags", async () => {
    const { seeded, row } = await enrolled();
    const stored = await seeded.db.query.userVerifiers.findFirst({
      where: eq(userVerifiers.id, row.id),
    });
    expect(stored).toMatchObject({ type: "webauthn", status: "active", name: "laptop" });
    expect(stored?.credential).toMatchObject({
      counter: 0,
      transports: ["internal"],
      device_type: "multiDevice",
      backed_up: true,
    });
    expect(typeof stored?.credential?.public_key).toBe("string");
    const created = await seeded.db
      .select()
      .from(events)
      .where(and(eq(events.issuerId, seeded.issuer.id), eq(events.type, "user.verifier.created")));
    expect(created.map((e) => e.data)).toEqual([
      { verifier_id: row.id, verifier_type: "webauthn" },
    ]);
  });

  it("refuses a registration challenge used twice", async () => {
    const seeded = await seedIssuer(bindings.DB, T0);
    const options = await passkeyRegistrationOptions(deps(seeded), seeded.user.id, T0);
    const first = new SoftwareAuthenticator(rp.origin, rp.id);
    await registerPasskey(deps(seeded), ctx(seeded, T0), seeded.user.id, {
      response: await first.create(options),
    });
    const second = new SoftwareAuthenticator(rp.origin, rp.id);
    await expect(
      registerPasskey(deps(seeded), ctx(seeded, T0), seeded.user.id, {
        response: await second.create(options),
      }),
    ).rejects.toThrow(/challenge/);
  });

  it("refuses a registration for another user than the challenge was issued to", async () => {
    const seeded = await seedIssuer(bindings.DB, T0);
    const options = await passkeyRegistrationOptions(deps(seeded), seeded.user.id, T0);
    const authenticator = new SoftwareAuthenticator(rp.origin, rp.id);
    await expect(
      registerPasskey(deps(seeded), ctx(seeded, T0), "usr_someone_else", {
        response: await authenticator.create(options),
      }),
    ).rejects.toThrow(/challenge/);
  });

  it("refuses an attestation made for another origin or RP ID", async () => {
    const seeded = await seedIssuer(bindings.DB, T0);
    for (const overrides of [
      { origin: "https://evil.example.net" },
      { rpId: "evil.example.net" },
    ]) {
      const options = await passkeyRegistrationOptions(deps(seeded), seeded.user.id, T0);
      const authenticator = new SoftwareAuthenticator(rp.origin, rp.id);
      await expect(
        registerPasskey(deps(seeded), ctx(seeded, T0), seeded.user.id, {
          response: await authenticator.create(options, overrides),
        }),
      ).rejects.toThrow(/not accepted/);
    }
    const rows = await seeded.db
      .select()
      .from(userVerifiers)
      .where(and(eq(userVerifiers.userId, seeded.user.id), eq(userVerifiers.type, "webauthn")));
    expect(rows).toEqual([]);
  });
});

describe("passkey sign-in", () => {
  it("signs in usernameless by the user handle, with user verification, and counts up", async () => {
    const { seeded, authenticator, row } = await enrolled();
    const result = await signIn(seeded, authenticator, T0 + 1_000);
    expect(result).toMatchObject({ status: "ok", userId: seeded.user.id, userVerified: true });
    const stored = await seeded.db.query.userVerifiers.findFirst({
      where: eq(userVerifiers.id, row.id),
    });
    expect(stored).toMatchObject({ usageCount: 1, lastUsedAt: T0 + 1_000 });
    expect(stored?.credential?.counter).toBe(1);
  });

  it("reports an assertion without user verification as such", async () => {
    const { seeded, authenticator } = await enrolled();
    const result = await signIn(seeded, authenticator, T0 + 1_000, { userVerified: false });
    expect(result).toMatchObject({ status: "ok", userVerified: false });
  });

  it("uses a challenge once", async () => {
    const { seeded, authenticator } = await enrolled();
    const options = await passkeyAuthenticationOptions(deps(seeded), T0);
    const assertion = await authenticator.get(options);
    expect(await authenticatePasskey(deps(seeded), assertion, T0)).toMatchObject({ status: "ok" });
    const again = await authenticator.get(options);
    // The credential is the user's, so the replay is theirs to count (passkey-lockout test).
    expect(await authenticatePasskey(deps(seeded), again, T0)).toEqual({
      status: "invalid",
      reason: "challenge",
      userId: seeded.user.id,
    });
  });

  it("refuses a challenge past its five minutes", async () => {
    const { seeded, authenticator } = await enrolled();
    const options = await passkeyAuthenticationOptions(deps(seeded), T0);
    const assertion = await authenticator.get(options);
    expect(await authenticatePasskey(deps(seeded), assertion, T0 + 5 * 60_000)).toMatchObject({
      status: "invalid",
      reason: "challenge",
    });
  });

  it("refuses a registration challenge answered as a sign-in", async () => {
    const { seeded, authenticator } = await enrolled();
    const options = await passkeyRegistrationOptions(deps(seeded), seeded.user.id, T0);
    const assertion = await authenticator.get(options);
    expect(await authenticatePasskey(deps(seeded), assertion, T0)).toMatchObject({
      status: "invalid",
      reason: "challenge",
    });
  });

  it("refuses a counter that went backwards or stood still (a cloned authenticator)", async () => {
    const { seeded, authenticator } = await enrolled();
    expect(await signIn(seeded, authenticator, T0, { counter: 5 })).toMatchObject({
      status: "ok",
    });
    for (const counter of [5, 4]) {
      expect(await signIn(seeded, authenticator, T0, { counter })).toMatchObject({
        status: "invalid",
      });
    }
    expect(await signIn(seeded, authenticator, T0, { counter: 6 })).toMatchObject({
      status: "ok",
    });
  });

  it("refuses an assertion for another origin or RP ID", async () => {
    const { seeded, authenticator } = await enrolled();
    for (const overrides of [
      { origin: "https://evil.example.net" },
      { rpId: "evil.example.net" },
    ]) {
      expect(await signIn(seeded, authenticator, T0, overrides)).toMatchObject({
        status: "invalid",
        reason: "verification",
      });
    }
  });

  it("refuses a passkey signed by another key, and a disabled passkey", async () => {
    const { seeded, authenticator, row } = await enrolled();
    const impostor = new SoftwareAuthenticator(rp.origin, rp.id);
    Object.assign(impostor, { credentialId: authenticator.credentialId });
    await impostor.create({ challenge: "x", user: { id: seeded.user.id } });
    const options = await passkeyAuthenticationOptions(deps(seeded), T0);
    const forged = await impostor.get(options);
    forged.response.userHandle = (await authenticator.get({ challenge: "x" })).response.userHandle;
    expect(await authenticatePasskey(deps(seeded), forged, T0)).toMatchObject({
      status: "invalid",
    });
    await seeded.db
      .update(userVerifiers)
      .set({ status: "disabled" })
      .where(eq(userVerifiers.id, row.id));
    expect(await signIn(seeded, authenticator, T0)).toMatchObject({
      status: "invalid",
      reason: "credential",
    });
  });
});
