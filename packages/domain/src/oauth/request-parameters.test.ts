import { describe, expect, it } from "vitest";
import { onlyParameters, readParameters, requireParameters } from "./request-parameters.ts";

describe("request parameters (RFC 6749 §3.1, §3.2)", () => {
  it("lists every repeated name in order, except resource (RFC 8707 §2)", () => {
    const read = readParameters([
      ["b", "1"],
      ["resource", "https://a.example"],
      ["a", "1"],
      ["b", "2"],
      ["resource", "https://b.example"],
      ["a", "2"],
    ]);
    expect(read.repeated).toEqual(["b", "a"]);
    expect(read.params.getAll("resource")).toEqual(["https://a.example", "https://b.example"]);
    expect(read.params.get("b")).toBe("1");
  });

  it("leaves names outside the accepted list out of the view", () => {
    const { params, repeated } = readParameters(
      [
        ["scope", "openid"],
        ["x_custom", "1"],
      ],
      ["scope"],
    );
    expect(repeated).toEqual([]);
    expect(params.get("scope")).toBe("openid");
    expect(params.get("x_custom")).toBeNull();
    expect(onlyParameters(params, ["x_custom"]).get("scope")).toBeNull();
  });

  it("throws invalid_request naming the first repeat", () => {
    expect(() =>
      requireParameters([
        ["code", "a"],
        ["code", "b"],
      ]),
    ).toThrow("code is repeated");
  });
});
