import { describe, expect, it } from "vitest";
import { TtlCache } from "./ttl-cache.ts";

describe("TtlCache", () => {
  it("serves a hit until it expires, then loads again", async () => {
    const cache = new TtlCache<number>(1000);
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.get("k", 0, load)).toBe(1);
    expect(await cache.get("k", 999, load)).toBe(1);
    expect(await cache.get("k", 1000, load)).toBe(2);
  });

  it("shares one load between concurrent misses and keeps no misses or failures", async () => {
    const cache = new TtlCache<string>(1000);
    let loads = 0;
    const slow = () =>
      new Promise<string>((resolve) => setTimeout(() => resolve(`v${++loads}`), 5));
    const [a, b] = await Promise.all([cache.get("k", 0, slow), cache.get("k", 0, slow)]);
    expect([a, b, loads]).toEqual(["v1", "v1", 1]);
    expect(await cache.get("missing", 0, async () => undefined)).toBeUndefined();
    expect(await cache.get("missing", 1, async () => "now there")).toBe("now there");
    await expect(
      cache.get("bad", 0, async () => Promise.reject(new Error("down"))),
    ).rejects.toThrow();
    expect(await cache.get("bad", 1, async () => "recovered")).toBe("recovered");
  });

  it("runs a lazy thenable (a drizzle query) once, not on every hit", async () => {
    const cache = new TtlCache<number>(1000);
    let runs = 0;
    // biome-ignore lint/suspicious/noThenProperty: the point is a thenable that is not a Promise
    const lazy = { then: (resolve: (v: number) => void) => resolve(++runs) } as PromiseLike<number>;
    await cache.get("k", 0, () => lazy);
    await cache.get("k", 1, () => lazy);
    expect(runs).toBe(1);
  });

  it("drops the oldest entries past its size", async () => {
    const cache = new TtlCache<number>(1000, 2);
    await cache.get("a", 0, async () => 1);
    await cache.get("b", 0, async () => 2);
    await cache.get("c", 0, async () => 3);
    expect(await cache.get("a", 1, async () => 10)).toBe(10);
  });
});
