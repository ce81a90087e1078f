import { describe, expect, it } from "vitest";
import { isNonPublicAddress, parseIpv6 } from "./ip-ranges.ts";

describe("IP ranges (for DNS answers and IP literals)", () => {
  it("parses IPv6 with ::, a dotted tail and brackets", () => {
    expect(parseIpv6("::1")).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect(parseIpv6("[fe80::1:2]")).toEqual([0xfe80, 0, 0, 0, 0, 0, 1, 2]);
    expect(parseIpv6("::ffff:10.0.0.1")).toEqual([0, 0, 0, 0, 0, 0xffff, 0x0a00, 1]);
    expect(parseIpv6("1:2:3:4:5:6:7:8")).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(parseIpv6("1::2::3")).toBeNull();
    expect(parseIpv6("1:2:3")).toBeNull();
    expect(parseIpv6("example.com")).toBeNull();
  });

  it.each([
    "127.0.0.1",
    "10.9.8.7",
    "169.254.169.254",
    "100.100.100.200",
    "::1",
    "::",
    "fd12:3456::1",
    "fe80::abcd",
    "::ffff:192.168.0.1",
    "::ffff:c0a8:1",
    "64:ff9b::a00:1",
    "not an address",
  ])("treats %s as non-public", (address) => {
    expect(isNonPublicAddress(address)).toBe(true);
  });

  it.each(["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "2a00:1450:4001::200e"])(
    "treats %s as public",
    (address) => {
      expect(isNonPublicAddress(address)).toBe(false);
    },
  );
});
