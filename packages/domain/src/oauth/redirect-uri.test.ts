import { describe, expect, it } from "vitest";
import { matchesRedirectUri, redirectUriProblem } from "./redirect-uri.ts";

const registered = ["https://app.example.com/callback"];

describe("redirect URI matching (exact, RFC 9700 §4.1.3)", () => {
  it("accepts only the registered string", () => {
    expect(matchesRedirectUri("https://app.example.com/callback", registered, "web")).toBe(true);
  });

  it.each([
    ["prefix", "https://app.example.com/callback/extra"],
    ["suffix host", "https://app.example.com.evil.com/callback"],
    ["case", "https://APP.example.com/callback"],
    ["encoded", "https://app.example.com/%63allback"],
    ["query", "https://app.example.com/callback?x=1"],
    ["trailing slash", "https://app.example.com/callback/"],
    ["scheme", "http://app.example.com/callback"],
    ["port", "https://app.example.com:444/callback"],
    ["userinfo", "https://evil@app.example.com/callback"],
  ])("refuses a look-alike (%s)", (_name, uri) => {
    expect(matchesRedirectUri(uri, registered, "web")).toBe(false);
  });

  it("lets native loopback URIs vary the port only (RFC 8252 §7.3)", () => {
    const native = ["http://127.0.0.1/callback"];
    expect(matchesRedirectUri("http://127.0.0.1:51234/callback", native, "native")).toBe(true);
    expect(matchesRedirectUri("http://127.0.0.1:51234/other", native, "native")).toBe(false);
    expect(matchesRedirectUri("http://127.0.0.1:51234/callback", native, "web")).toBe(false);
  });
});

describe("redirect URI registration", () => {
  it("requires https except loopback and native private-use schemes", () => {
    expect(redirectUriProblem("https://a.example/cb", "web")).toBeNull();
    expect(redirectUriProblem("http://localhost:3000/cb", "spa")).toBeNull();
    expect(redirectUriProblem("http://a.example/cb", "web")).toMatch(/https/);
    expect(redirectUriProblem("com.example.app:/cb", "native")).toBeNull();
    expect(redirectUriProblem("com.example.app:/cb", "web")).toMatch(/https/);
    expect(redirectUriProblem("https://a.example/cb#frag", "web")).toMatch(/fragment/);
    expect(redirectUriProblem("/relative", "web")).toMatch(/absolute/);
  });
});
