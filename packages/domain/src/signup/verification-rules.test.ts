import { describe, expect, it } from "vitest";
import {
  newVerificationSecrets,
  nextSendAt,
  normalizeCode,
  verificationCodeDigest,
} from "./verification-rules.ts";

const MIN = 60_000;

describe("verification rules (docs/decisions/signup.md)", () => {
  it("makes a 6-digit code and a 256-bit link token", () => {
    const { token, code } = newVerificationSecrets();
    expect(code).toMatch(/^\d{6}$/);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("allows one email a minute", () => {
    expect(nextSendAt([], 0)).toBeNull();
    expect(nextSendAt([1000], 1000 + 30_000)).toBe(1000 + MIN);
    expect(nextSendAt([1000], 1000 + MIN)).toBeNull();
  });

  it("allows five emails an hour", () => {
    const sent = [0, 2, 4, 6, 8].map((m) => m * MIN);
    expect(nextSendAt(sent, 10 * MIN)).toBe(60 * MIN);
    expect(nextSendAt(sent, 60 * MIN)).toBeNull();
    expect(nextSendAt(sent.slice(1), 10 * MIN)).toBeNull();
  });

  it("digests a code under the secret and the user: another user or secret gives another digest", async () => {
    const a = await verificationCodeDigest("secret", "usr_1", "123456");
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(await verificationCodeDigest("secret", "usr_1", "123456")).toBe(a);
    expect(await verificationCodeDigest("secret", "usr_2", "123456")).not.toBe(a);
    expect(await verificationCodeDigest("other", "usr_1", "123456")).not.toBe(a);
    expect(await verificationCodeDigest("secret", "usr_1", "123457")).not.toBe(a);
  });

  it("reads a typed code with spaces or a dash, and nothing else", () => {
    expect(normalizeCode(" 123 456 ")).toBe("123456");
    expect(normalizeCode("123-456")).toBe("123456");
    expect(normalizeCode("12345")).toBeNull();
    expect(normalizeCode("12345a")).toBeNull();
  });
});
