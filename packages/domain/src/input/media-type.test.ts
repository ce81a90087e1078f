import { describe, expect, it } from "vitest";
import { mediaType } from "./media-type.ts";

describe("mediaType", () => {
  it("drops parameters and case, and reads a missing header as empty", () => {
    expect(mediaType("Application/JSON; charset=utf-8")).toBe("application/json");
    expect(mediaType(" application/x-www-form-urlencoded ")).toBe(
      "application/x-www-form-urlencoded",
    );
    expect(mediaType(null)).toBe("");
    expect(mediaType(undefined)).toBe("");
  });
});
