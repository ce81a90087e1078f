import { env } from "cloudflare:workers";
import { events } from "@authpi/domain/db";
import {
  DEVICE_COOKIE_TTL_MS,
  LOCK_MS,
  type LoginAttempt,
  passwordLogin,
  SOURCE_MAX_FAILURES,
  SOURCE_WINDOW_MS,
} from "@authpi/domain/login";
import { seedIssuer } from "@authpi/testkit/factories";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import { issuerStore } from "../src/store.ts";

const bindings = env as unknown as Env;
/** A moment well inside a source window, so a test's own steps never cross its end. */
const T0 = 1_900_000_000_000 - (1_900_000_000_000 % SOURCE_WINDOW_MS) + 60_000;

type Seeded = Awaited<ReturnType<typeof seedIssuer>>;

/** One sign-in attempt at time `now` from address `ip`, the domain call the pages make. */
function attempt(seeded: Seeded, now: number, ip: string, login: LoginAttempt) {
  return passwordLogin(
    {
      db: seeded.db,
      store: issuerStore(bindings, seeded.issuer.id),
      issuerId: seeded.issuer.id,
      secret: bindings.KEY_ENCRYPTION_SECRET,
      ctx: {
        now,
        accountId: seeded.accountId,
        actor: { type: "system", id: null },
        source: "idp-api",
        request: { ip },
      },
    },
    login,
  );
}

const alice = (password: string, deviceCookie?: string) => ({
  username: "alice@example.com",
  password,
  deviceCookie,
});

describe("passwordLogin over time", () => {
  it("locks a username for untrusted sources 15 minutes from the fifth failure, then starts afresh", async () => {
    const seeded = await seedIssuer(bindings.DB);
    for (let i = 0; i < 4; i++) {
      expect(await attempt(seeded, T0 + i, `192.0.2.${i + 1}`, alice("wrong"))).toEqual({
        status: "invalid",
      });
    }
    const fifth = await attempt(seeded, T0 + 10, "192.0.2.9", alice("wrong"));
    expect(fifth).toEqual({ status: "locked", lockedUntil: T0 + 10 + LOCK_MS });
    const during = await attempt(seeded, T0 + 9 + LOCK_MS, "192.0.2.10", alice(seeded.password));
    expect(during.status).toBe("locked");
    const after = await attempt(seeded, T0 + 10 + LOCK_MS, "192.0.2.10", alice(seeded.password));
    expect(after.status).toBe("ok");
  });

  it(`refuses a source after ${SOURCE_MAX_FAILURES} failures until its 15-minute window ends`, async () => {
    const seeded = await seedIssuer(bindings.DB);
    const ip = "192.0.2.77";
    for (let i = 0; i < SOURCE_MAX_FAILURES; i++) {
      const guess = { username: `u${i}@example.com`, password: "Winter2026!" };
      expect((await attempt(seeded, T0 + i, ip, guess)).status).toBe("invalid");
    }
    const windowEnd = T0 - 60_000 + SOURCE_WINDOW_MS;
    expect(await attempt(seeded, T0 + 100, ip, alice(seeded.password))).toEqual({
      status: "throttled",
      until: windowEnd,
    });
    expect((await attempt(seeded, windowEnd - 1, ip, alice(seeded.password))).status).toBe(
      "throttled",
    );
    expect((await attempt(seeded, windowEnd, ip, alice(seeded.password))).status).toBe("ok");
    // The next window counts from zero.
    const guess = { username: "u0@example.com", password: "Winter2026!" };
    expect((await attempt(seeded, windowEnd + 1, ip, guess)).status).toBe("invalid");
  });

  it(`trusts a device cookie for ${DEVICE_COOKIE_TTL_MS / 86_400_000} days after the sign-in that issued it`, async () => {
    const seeded = await seedIssuer(bindings.DB);
    const first = await attempt(seeded, T0, "192.0.2.5", alice(seeded.password));
    if (first.status !== "ok") throw new Error(`sign-in failed: ${first.status}`);
    const expiry = T0 + DEVICE_COOKIE_TTL_MS;
    const lockAt = expiry - 60_000;
    for (let i = 0; i < 5; i++) await attempt(seeded, lockAt, "192.0.2.66", alice("wrong"));
    const before = await attempt(
      seeded,
      expiry - 1,
      "192.0.2.5",
      alice(seeded.password, first.deviceCookie),
    );
    expect(before.status).toBe("ok");
    const expired = await attempt(
      seeded,
      expiry,
      "192.0.2.5",
      alice(seeded.password, first.deviceCookie),
    );
    expect(expired.status).toBe("locked");
  });

  it("records whether a failure came from a trusted device, and user.locked only for the username lock", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const first = await attempt(seeded, T0, "192.0.2.5", alice(seeded.password));
    if (first.status !== "ok") throw new Error("sign-in failed");
    for (let i = 0; i < 5; i++) {
      await attempt(seeded, T0 + 1 + i, "192.0.2.5", alice("typo", first.deviceCookie));
    }
    await attempt(seeded, T0 + 10, "192.0.2.6", alice("guess"));
    const rows = await seeded.db
      .select()
      .from(events)
      .where(and(eq(events.issuerId, seeded.issuer.id), eq(events.subjectId, seeded.user.id)));
    const failed = rows.filter((r) => r.type === "user.verification.failed");
    expect(failed.map((r) => (r.data as { trusted_device: boolean }).trusted_device)).toEqual([
      true,
      true,
      true,
      true,
      true,
      false,
    ]);
    expect(failed.map((r) => (r.data as { failures: number }).failures)).toEqual([
      1, 2, 3, 4, 5, 1,
    ]);
    expect(rows.filter((r) => r.type === "user.locked")).toHaveLength(0);
    expect(failed[5]?.request).toMatchObject({ ip: "192.0.2.6" });
  });
});
