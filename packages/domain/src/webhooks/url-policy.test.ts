import { describe, expect, it } from "vitest";
import { webhookUrlProblem } from "./url-policy.ts";

describe("webhook URL policy (SSRF)", () => {
  it.each([
    "http://example.com/hook",
    "https://127.0.0.1/hook",
    "https://localhost/hook",
    "https://10.1.2.3/hook",
    "https://172.20.0.1/hook",
    "https://192.168.1.1/hook",
    "https://169.254.169.254/latest/meta-data",
    "https://100.64.0.1/hook",
    "https://0.0.0.0/hook",
    "https://192.0.0.1/hook",
    "https://[::1]/hook",
    "https://[::]/hook",
    "https://[fd00::1]/hook",
    "https://[fe80::1]/hook",
    "https://[fec0::1]/hook",
    "https://[ff02::1]/hook",
    "https://[::ffff:10.0.0.1]/hook",
    "https://metadata.google.internal/computeMetadata",
    "https://router.home.arpa/hook",
    "https://user:pass@example.com/hook",
    "ftp://example.com/hook",
    "not a url",
  ])("refuses %s in production", (url) => {
    expect(webhookUrlProblem(url, "production")).not.toBeNull();
  });

  it.each([
    ["decimal", "https://2130706433/hook"],
    ["octal", "https://0177.0.0.1/hook"],
    ["hex", "https://0x7f.0.0.1/hook"],
    ["one hex number", "https://0xa9fea9fe/latest"],
    ["short form", "https://127.1/hook"],
    ["trailing dot", "https://127.0.0.1./hook"],
    ["IPv4-mapped IPv6", "https://[::ffff:127.0.0.1]/hook"],
    ["IPv4-mapped IPv6 in hex", "https://[::ffff:a9fe:a9fe]/hook"],
    ["IPv4-translated IPv6", "https://[::ffff:0:10.0.0.1]/hook"],
    ["IPv4-compatible IPv6", "https://[::127.0.0.1]/hook"],
    ["NAT64 IPv6", "https://[64:ff9b::10.0.0.1]/hook"],
    ["6to4 IPv6", "https://[2002:a9fe:a9fe::1]/hook"],
  ])("refuses a private address written in %s (%s)", (_how, url) => {
    expect(webhookUrlProblem(url, "production")).toMatch(/private|public/);
  });

  it.each([
    "https://localtest.me/hook",
    "https://app.localtest.me/hook",
    "https://lvh.me/hook",
    "https://127.0.0.1.nip.io/hook",
    "https://app-10-0-0-1.nip.io/hook",
    "https://10-0-0-1.sslip.io/hook",
    "https://whatever.xip.io/hook",
    "https://7f000001.1u.ms/hook",
    "https://a.b.rbndr.us/hook",
    "https://localhost./hook",
    "https://LOCALTEST.ME./hook",
    "https://10.0.0.1.example.com/hook",
    "https://api-192-168-1-20.example.com/hook",
    "https://app-0a000001.example.com/hook",
  ])("refuses %s, a name known to resolve to a private address", (url) => {
    expect(webhookUrlProblem(url, "production")).not.toBeNull();
  });

  it("accepts public https targets", () => {
    for (const url of [
      "https://hooks.example.com/authpi",
      "https://8.8.8.8/hook",
      "https://[2606:4700:4700::1111]/hook",
      "https://1-2-3-4.example.com/hook",
      "https://api.v2.example.com/hook",
      "https://deadbeef.example.com/hook",
    ]) {
      expect(webhookUrlProblem(url, "production"), url).toBeNull();
    }
  });

  it("allows http on loopback only in development", () => {
    expect(webhookUrlProblem("http://127.0.0.1:4000/hook", "development")).toBeNull();
    expect(webhookUrlProblem("http://localhost:4000/hook", "development")).toBeNull();
    expect(webhookUrlProblem("http://example.com/hook", "development")).not.toBeNull();
    expect(webhookUrlProblem("https://10.0.0.1/hook", "development")).not.toBeNull();
    expect(webhookUrlProblem("https://localtest.me/hook", "development")).not.toBeNull();
  });
});
