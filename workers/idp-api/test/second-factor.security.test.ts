import { env } from "cloudflare:workers";
import { events, userVerifiers } from "@authpi/domain/db";
import { LOCK_MS, type SecondFactorMethod, verifySecondFactor } from "@authpi/domain/login";
import { seedIssuer } from "@authpi/testkit/factories";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import { issuerStore } from "../src/store.ts";
import { enrollTotp, totpCode } from "./support/totp.ts";

const bindings = env as unknown as Env;
/** The start of a 30-second TOTP step, so `T0 + small` stays in it. */
const T0 = 1_900_000_020_000;

type Seeded = Awaited<ReturnType<typeof seedIssuer>>;

function verify(seeded: Seeded, now: number, method: SecondFactorMethod, code: string) {
  return verifySecondFactor(
    {
      db: seeded.db,
      store: issuerStore(bindings, seeded.issuer.id),
      issuerId: seeded.issuer.id,
      sealKey: bindings.KEY_ENCRYPTION_SECRET,
      ctx: {
        now,
        accountId: seeded.accountId,
        actor: { type: "user", id: seeded.user.id },
        source: "idp-api",
      },
    },
    seeded.user.id,
    { method, code },
  );
}

async function eventsOf(seeded: Seeded, type: string) {
  const rows = await seeded.db
    .select()
    .from(events)
    .where(and(eq(events.issuerId, seeded.issuer.id), eq(events.type, type)));
  return rows.map((row) => row.data as Record<string, unknown>);
}

describe("TOTP at sign-in", () => {
  it("accepts a code of the current step and one step either side, nothing further", async () => {
    const seeded = await seedIssuer(bindings.DB, T0);
    const { secret } = await enrollTotp(seeded, bindings.KEY_ENCRYPTION_SECRET, T0);
    const farPast = totpCode(secret, T0 - 60_000);
    expect(await verify(seeded, T0, "totp_app", farPast)).toEqual({ status: "invalid" });
    const next = totpCode(secret, T0 + 30_000);
    expect(await verify(seeded, T0, "totp_app", next)).toMatchObject({ status: "ok" });
  });

  it("never accepts a code twice, nor an older step after a newer one was used", async () => {
    const seeded = await seedIssuer(bindings.DB, T0);
    const { secret } = await enrollTotp(seeded, bindings.KEY_ENCRYPTION_SECRET, T0);
    const code = totpCode(secret, T0);
    expect(await verify(seeded, T0, "totp_app", code)).toMatchObject({ status: "ok" });
    expect(await verify(seeded, T0 + 1_000, "totp_app", code)).toEqual({ status: "invalid" });
    const later = totpCode(secret, T0 + 30_000);
    expect(await verify(seeded, T0 + 30_000, "totp_app", later)).toMatchObject({ status: "ok" });
    expect(await verify(seeded, T0 + 31_000, "totp_app", code)).toEqual({ status: "invalid" });
  });

  it("lets exactly one of parallel uses of one code through", async () => {
    const seeded = await seedIssuer(bindings.DB, T0);
    const { secret } = await enrollTotp(seeded, bindings.KEY_ENCRYPTION_SECRET, T0);
    const code = totpCode(secret, T0);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => verify(seeded, T0, "totp_app", code)),
    );
    expect(results.filter((r) => r.status === "ok")).toHaveLength(1);
  });

  it("locks the second factors for 15 minutes at the fifth wrong code, with user.locked", async () => {
    const seeded = await seedIssuer(bindings.DB, T0);
    const { secret, backupCodes } = await enrollTotp(seeded, bindings.KEY_ENCRYPTION_SECRET, T0);
    for (let i = 0; i < 4; i++) {
      expect(await verify(seeded, T0 + i, "totp_app", "000000")).toEqual({ status: "invalid" });
    }
    expect(await verify(seeded, T0 + 10, "totp_app", "000000")).toEqual({
      status: "locked",
      lockedUntil: T0 + 10 + LOCK_MS,
    });
    const during = T0 + LOCK_MS;
    expect(await verify(seeded, during, "totp_app", totpCode(secret, during))).toMatchObject({
      status: "locked",
    });
    // A backup code is no way around the lock.
    expect(await verify(seeded, during, "backup_codes", backupCodes[0] as string)).toMatchObject({
      status: "locked",
    });
    const after = T0 + 10 + LOCK_MS;
    expect(await verify(seeded, after, "totp_app", totpCode(secret, after))).toMatchObject({
      status: "ok",
    });
    expect(await eventsOf(seeded, "user.locked")).toEqual([
      { method: "totp_app", client_id: null, locked_until: T0 + 10 + LOCK_MS },
    ]);
    const failed = await eventsOf(seeded, "user.verification.failed");
    expect(failed.map((d) => d.method)).toEqual(Array(5).fill("totp_app"));
    const succeeded = await eventsOf(seeded, "user.verification.succeeded");
    expect(succeeded).toContainEqual({ method: "totp_app", client_id: null });
  });
});

describe("backup codes at sign-in", () => {
  it("accepts each code once, in any case and with dashes, and counts what is left", async () => {
    const seeded = await seedIssuer(bindings.DB, T0);
    const { backupCodes } = await enrollTotp(seeded, bindings.KEY_ENCRYPTION_SECRET, T0);
    const code = backupCodes[3] as string;
    const typed = `${code.slice(0, 5)}-${code.slice(5)}`.toUpperCase();
    expect(await verify(seeded, T0, "backup_codes", typed)).toEqual({
      status: "ok",
      method: "backup_codes",
    });
    expect(await verify(seeded, T0 + 1, "backup_codes", code)).toEqual({ status: "invalid" });
    const [row] = await seeded.db
      .select()
      .from(userVerifiers)
      .where(and(eq(userVerifiers.userId, seeded.user.id), eq(userVerifiers.type, "backup_codes")));
    expect(row?.credential?.hashes).toHaveLength(9);
  });

  it("two codes used at once both count, and neither comes back", async () => {
    const seeded = await seedIssuer(bindings.DB, T0);
    const { backupCodes } = await enrollTotp(seeded, bindings.KEY_ENCRYPTION_SECRET, T0);
    const [a, b] = backupCodes as [string, string];
    const results = await Promise.all([
      verify(seeded, T0, "backup_codes", a),
      verify(seeded, T0, "backup_codes", b),
    ]);
    expect(results.map((r) => r.status)).toEqual(["ok", "ok"]);
    expect((await verify(seeded, T0 + 1, "backup_codes", a)).status).toBe("invalid");
    expect((await verify(seeded, T0 + 2, "backup_codes", b)).status).toBe("invalid");
  });
});
