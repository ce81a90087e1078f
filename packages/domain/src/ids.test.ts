import { describe, expect, it } from "vitest";
import { isId, newId } from "./ids.ts";

describe("newId", () => {
  it("uses the wire prefix and 25 lowercase base32 characters", () => {
    const id = newId("user");
    expect(id).toMatch(/^usr_[0-9a-hjkmnp-tv-z]{25}$/);
    expect(isId("user", id)).toBe(true);
    expect(isId("organization", id)).toBe(false);
  });

  it("spells API key and agent ids as 32 hex characters", () => {
    expect(newId("apiKey")).toMatch(/^key_[0-9a-f]{32}$/);
    expect(newId("agent")).toMatch(/^agt_[0-9a-f]{32}$/);
  });

  it("is time ordered, also within one millisecond", () => {
    const now = Date.now();
    const ids = Array.from({ length: 200 }, () => newId("event", now));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(newId("event", now + 1000) > ids.at(-1)!).toBe(true);
  });
});
