import { describe, expect, it } from "vitest";
import { DEVICE_COOKIE_TTL_MS, issueDeviceCookie, readDeviceCookie } from "./device-cookie.ts";

const SECRET = "a deployment secret for tests only";

describe("device cookies", () => {
  it("name the user and a fresh device until they expire", async () => {
    const a = await issueDeviceCookie(SECRET, "i_1", "usr_1", 1_000);
    const b = await issueDeviceCookie(SECRET, "i_1", "usr_1", 1_000);
    const device = await readDeviceCookie(SECRET, "i_1", a, 1_000 + DEVICE_COOKIE_TTL_MS - 1);
    expect(device?.userId).toBe("usr_1");
    expect(device?.deviceId).not.toBe((await readDeviceCookie(SECRET, "i_1", b, 1_000))?.deviceId);
    expect(await readDeviceCookie(SECRET, "i_1", a, 1_000 + DEVICE_COOKIE_TTL_MS)).toBeNull();
  });

  it("are refused when forged, altered, from another issuer or another deployment", async () => {
    const value = await issueDeviceCookie(SECRET, "i_1", "usr_1", 0);
    const altered = `${value.slice(0, -3)}${value.at(-3) === "A" ? "B" : "A"}${value.slice(-2)}`;
    expect(await readDeviceCookie(SECRET, "i_1", altered, 0)).toBeNull();
    expect(await readDeviceCookie(SECRET, "i_2", value, 0)).toBeNull();
    expect(await readDeviceCookie("another secret", "i_1", value, 0)).toBeNull();
    expect(await readDeviceCookie(SECRET, "i_1", "v1.AAAA.AAAA", 0)).toBeNull();
    expect(await readDeviceCookie(SECRET, "i_1", undefined, 0)).toBeNull();
    expect(await readDeviceCookie(SECRET, "i_1", "x".repeat(600), 0)).toBeNull();
  });
});
