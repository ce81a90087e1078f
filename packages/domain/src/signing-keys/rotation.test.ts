import { describe, expect, it } from "vitest";
import { keyGeneration } from "./rotation.ts";

describe("keyGeneration", () => {
  it("names the last rotation instant (last day of the month, 01:00 UTC), across years and back", () => {
    const at = (iso: string) => keyGeneration(Date.parse(iso));
    expect(at("2026-12-15T00:00:00Z")).toBe("2026-11-30");
    expect(at("2026-12-31T00:59:59Z")).toBe("2026-11-30");
    expect(at("2026-12-31T01:00:00Z")).toBe("2026-12-31");
    expect(at("2027-01-30T12:00:00Z")).toBe("2026-12-31");
    // The remembered answer never outlives its window, in either direction.
    expect(at("2026-12-30T23:00:00Z")).toBe("2026-11-30");
    expect(at("2027-02-28T01:00:00Z")).toBe("2027-02-28");
    expect(at("2026-01-05T00:00:00Z")).toBe("2025-12-31");
  });
});
