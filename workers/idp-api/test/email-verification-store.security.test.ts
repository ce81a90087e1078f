import { env } from "cloudflare:workers";
import { sha256Hex } from "@authpi/domain/crypto";
import {
  type EmailVerificationRecord,
  newVerificationSecrets,
  VERIFICATION_TTL_MS,
  verificationCodeDigest,
} from "@authpi/domain/signup";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";

const { ISSUER_STORE } = env as unknown as Env;
const MIN = 60_000;

function store() {
  return ISSUER_STORE.get(ISSUER_STORE.idFromName(crypto.randomUUID()));
}

async function record(userId: string, now: number) {
  const secrets = newVerificationSecrets();
  const row: EmailVerificationRecord = {
    userId,
    email: `${userId}@example.com`,
    tokenHash: await sha256Hex(secrets.token),
    codeDigest: await verificationCodeDigest("secret", userId, secrets.code),
    interactionId: "interaction-1",
    expiresAt: now + VERIFICATION_TTL_MS,
  };
  return { row, ...secrets };
}

describe("email verifications in the issuer store (docs/decisions/signup.md)", () => {
  it("a link verifies once", async () => {
    const stub = store();
    const now = Date.now();
    const v = await record("usr_a", now);
    expect(await stub.issueEmailVerification(v.row, now)).toEqual({ status: "ok" });
    const hash = await sha256Hex(v.token);
    expect(await stub.consumeEmailVerificationLink(hash, now + 1)).toEqual({
      userId: "usr_a",
      email: "usr_a@example.com",
      interactionId: "interaction-1",
    });
    expect(await stub.consumeEmailVerificationLink(hash, now + 2)).toBeNull();
    // The code of a used verification is gone with it.
    expect(await stub.consumeEmailVerificationCode("usr_a", v.row.codeDigest, now + 3)).toBeNull();
  });

  it("a code verifies once, only for its user, and only within 24 hours", async () => {
    const stub = store();
    const now = Date.now();
    const v = await record("usr_b", now);
    await stub.issueEmailVerification(v.row, now);
    expect(await stub.consumeEmailVerificationCode("usr_other", v.row.codeDigest, now)).toBeNull();
    const wrong = await verificationCodeDigest(
      "secret",
      "usr_b",
      v.code === "000000" ? "111111" : "000000",
    );
    expect(await stub.consumeEmailVerificationCode("usr_b", wrong, now)).toBeNull();
    expect(await stub.consumeEmailVerificationCode("usr_b", v.row.codeDigest, now)).not.toBeNull();
    expect(await stub.consumeEmailVerificationCode("usr_b", v.row.codeDigest, now)).toBeNull();

    const later = now + 2 * 3_600_000;
    const expiring = await record("usr_b", later);
    await stub.issueEmailVerification(expiring.row, later);
    const lapsed = later + VERIFICATION_TTL_MS;
    expect(
      await stub.consumeEmailVerificationCode("usr_b", expiring.row.codeDigest, lapsed),
    ).toBeNull();
    const link = await stub.consumeEmailVerificationLink(await sha256Hex(expiring.token), lapsed);
    expect(link).toBeNull();
  });

  it("a new email replaces the pending one: the older link and code stop working", async () => {
    const stub = store();
    const now = Date.now();
    const first = await record("usr_c", now);
    await stub.issueEmailVerification(first.row, now);
    const second = await record("usr_c", now + MIN);
    expect(await stub.issueEmailVerification(second.row, now + MIN)).toEqual({ status: "ok" });
    expect(
      await stub.consumeEmailVerificationLink(await sha256Hex(first.token), now + MIN),
    ).toBeNull();
    expect(
      await stub.consumeEmailVerificationCode("usr_c", first.row.codeDigest, now + MIN),
    ).toBeNull();
    expect(
      await stub.consumeEmailVerificationCode("usr_c", second.row.codeDigest, now + MIN),
    ).not.toBeNull();
  });

  it("refuses a resend within a minute, and a sixth within the hour", async () => {
    const stub = store();
    const now = Date.now();
    expect(await stub.issueEmailVerification((await record("usr_d", now)).row, now)).toEqual({
      status: "ok",
    });
    expect(
      await stub.issueEmailVerification((await record("usr_d", now)).row, now + 30_000),
    ).toEqual({
      status: "rate_limited",
      retryAt: now + MIN,
    });
    for (const minute of [1, 2, 3, 4]) {
      const at = now + minute * MIN;
      expect(await stub.issueEmailVerification((await record("usr_d", at)).row, at)).toEqual({
        status: "ok",
      });
    }
    const sixth = now + 5 * MIN;
    expect(await stub.issueEmailVerification((await record("usr_d", sixth)).row, sixth)).toEqual({
      status: "rate_limited",
      retryAt: now + 60 * MIN,
    });
    // Another user is not limited by this one.
    expect(await stub.issueEmailVerification((await record("usr_e", sixth)).row, sixth)).toEqual({
      status: "ok",
    });
    const hourLater = now + 60 * MIN;
    expect(
      await stub.issueEmailVerification((await record("usr_d", hourLater)).row, hourLater),
    ).toEqual({
      status: "ok",
    });
  });
});
