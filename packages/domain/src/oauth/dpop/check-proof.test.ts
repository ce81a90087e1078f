import { describe, expect, it } from "vitest";
import { normalisedHtu, singleProof } from "./check-proof.ts";

describe("DPoP proof rules (RFC 9449 §4.3)", () => {
  it("compares htu without query and fragment, normalised", () => {
    expect(normalisedHtu("https://IDP.example.com:443/iss/token?x=1#f")).toBe(
      "https://idp.example.com/iss/token",
    );
    expect(normalisedHtu("https://idp.example.com/a/../token")).toBe(
      "https://idp.example.com/token",
    );
    expect(normalisedHtu("not a url")).toBeNull();
  });

  it("takes exactly one DPoP header", () => {
    expect(singleProof(null, "token")).toBeNull();
    expect(singleProof("a.b.c", "token")).toBe("a.b.c");
    expect(() => singleProof("a.b.c, d.e.f", "token")).toThrow(/exactly one/);
    expect(() => singleProof("", "resource")).toThrow(/exactly one/);
  });
});
