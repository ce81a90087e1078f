import { env } from "cloudflare:workers";
import { toBase64Url } from "@authpi/domain/crypto";
import { events } from "@authpi/domain/db";
import {
  type PasskeyDeps,
  passkeyAuthenticationOptions,
  passkeyRegistrationOptions,
  registerPasskey,
  relyingParty,
  signInWithPasskey,
} from "@authpi/domain/passkeys";
import { seedIssuer } from "@authpi/testkit/factories";
import { and, eq, inArray } from "drizzle-orm";
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

const ctx = (seeded: Seeded, now: number) => ({
  now,
  accountId: seeded.accountId,
  actor: { type: "system" as const, id: null },
  source: "idp-api" as const,
});

function signInDeps(seeded: Seeded, now: number) {
  return { ...deps(seeded), store: issuerStore(bindings, seeded.issuer.id), ctx: ctx(seeded, now) };
}

async function enrolled() {
  const seeded = await seedIssuer(bindings.DB, T0);
  const authenticator = new SoftwareAuthenticator(rp.origin, rp.id);
  const options = await passkeyRegistrationOptions(deps(seeded), seeded.user.id, T0);
  await registerPasskey(deps(seeded), { ...ctx(seeded, T0) }, seeded.user.id, {
    response: await authenticator.create(options),
  });
  return { seeded, authenticator };
}

async function attempt(
  seeded: Seeded,
  authenticator: SoftwareAuthenticator,
  now: number,
  overrides: Parameters<SoftwareAuthenticator["get"]>[1] = {},
) {
  const options = await passkeyAuthenticationOptions(deps(seeded), now);
  return signInWithPasskey(signInDeps(seeded, now), await authenticator.get(options, overrides));
}

async function verificationEvents(seeded: Seeded) {
  const rows = await seeded.db
    .select()
    .from(events)
    .where(
      and(
        eq(events.issuerId, seeded.issuer.id),
        inArray(events.type, ["user.verification.failed", "user.locked"]),
      ),
    );
  return rows.map((row) => ({ type: row.type, subject: row.subjectId, data: row.data }));
}

describe("failed passkey attempts", () => {
  it("writes user.verification.failed with method webauthn for a wrong assertion of a user's credential", async () => {
    const { seeded, authenticator } = await enrolled();
    const result = await attempt(seeded, authenticator, T0, { origin: "https://evil.example.net" });
    expect(result).toMatchObject({ status: "invalid", reason: "verification" });
    expect(await verificationEvents(seeded)).toEqual([
      {
        type: "user.verification.failed",
        subject: seeded.user.id,
        data: expect.objectContaining({ method: "webauthn", reason: "verification", failures: 1 }),
      },
    ]);
  });

  it("counts a replayed assertion against the credential's user", async () => {
    const { seeded, authenticator } = await enrolled();
    const options = await passkeyAuthenticationOptions(deps(seeded), T0);
    const assertion = await authenticator.get(options);
    expect(await signInWithPasskey(signInDeps(seeded, T0), assertion)).toMatchObject({
      status: "ok",
    });
    expect(await signInWithPasskey(signInDeps(seeded, T0), assertion)).toMatchObject({
      status: "invalid",
      reason: "challenge",
    });
    expect(await verificationEvents(seeded)).toEqual([
      expect.objectContaining({
        type: "user.verification.failed",
        subject: seeded.user.id,
        data: expect.objectContaining({ method: "webauthn", reason: "challenge" }),
      }),
    ]);
  });

  it("blames nobody for an unknown credential, so user ids alone cannot lock anyone", async () => {
    const { seeded } = await enrolled();
    const stranger = new SoftwareAuthenticator(rp.origin, rp.id);
    const handle = toBase64Url(new TextEncoder().encode(seeded.user.id));
    await stranger.create({ challenge: "x", user: { id: handle } });
    for (let i = 0; i < 6; i++) {
      expect(await attempt(seeded, stranger, T0)).toMatchObject({
        status: "invalid",
        reason: "credential",
      });
    }
    expect(await verificationEvents(seeded)).toEqual([]);
  });

  it("locks the user's passkeys for 15 minutes after 5 failures, like every other factor", async () => {
    const { seeded, authenticator } = await enrolled();
    const outcomes = [];
    for (let i = 0; i < 5; i++) {
      outcomes.push(
        (await attempt(seeded, authenticator, T0 + i, { rpId: "evil.example.net" })).status,
      );
    }
    expect(outcomes).toEqual(["invalid", "invalid", "invalid", "invalid", "locked"]);
    // Locked: even a good assertion is not verified.
    expect(await attempt(seeded, authenticator, T0 + 60_000)).toMatchObject({ status: "locked" });
    const written = await verificationEvents(seeded);
    expect(written.filter((e) => e.type === "user.verification.failed")).toHaveLength(5);
    expect(written.filter((e) => e.type === "user.locked")).toEqual([
      {
        type: "user.locked",
        subject: seeded.user.id,
        data: { method: "webauthn", locked_until: T0 + 4 + 15 * 60_000 },
      },
    ]);
    expect(await attempt(seeded, authenticator, T0 + 4 + 15 * 60_000)).toMatchObject({
      status: "ok",
    });
  });
});
