import { describe, expect, it } from "vitest";
import { Refusals } from "./refusals.ts";
import { sourceAddress } from "./source-address.ts";

describe("sourceAddress", () => {
  it("keeps IPv4 addresses and names a missing one", () => {
    expect(sourceAddress("203.0.113.7")).toBe("203.0.113.7");
    expect(sourceAddress(" 203.0.113.7 ")).toBe("203.0.113.7");
    expect(sourceAddress(null)).toBe("unknown");
    expect(sourceAddress("")).toBe("unknown");
  });

  it("counts every address of one IPv6 /64 as one source", () => {
    const a = sourceAddress("2001:db8:abcd:12:1::1");
    const b = sourceAddress("2001:0DB8:abcd:0012:ffff:ffff:ffff:ffff");
    expect(a).toBe("2001:db8:abcd:12::/64");
    expect(b).toBe(a);
    expect(sourceAddress("2001:db8:abcd:13::1")).not.toBe(a);
    expect(sourceAddress("::1")).toBe("0:0:0:0::/64");
    expect(sourceAddress("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
  });

  it("counts an IPv4-mapped IPv6 address as its IPv4 address", () => {
    expect(sourceAddress("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(sourceAddress("0:0:0:0:0:ffff:203.0.113.7")).toBe("203.0.113.7");
  });
});

describe("Refusals", () => {
  it("refuses a key until its time, then forgets it", () => {
    const refusals = new Refusals();
    refusals.refuse("a", 1_000);
    expect(refusals.refusedUntil("a", 999)).toBe(1_000);
    expect(refusals.refusedUntil("a", 1_000)).toBeNull();
    expect(refusals.refusedUntil("b", 0)).toBeNull();
  });

  it("never shortens a refusal and stays bounded, dropping the oldest", () => {
    const refusals = new Refusals(2);
    refusals.refuse("a", 5_000);
    refusals.refuse("a", 2_000);
    expect(refusals.refusedUntil("a", 3_000)).toBe(5_000);
    refusals.refuse("b", 5_000);
    refusals.refuse("c", 5_000);
    expect(refusals.refusedUntil("a", 0)).toBeNull();
    expect(refusals.refusedUntil("c", 0)).toBe(5_000);
  });
});
