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
    "https://[::1]/hook",
    "https://[fd00::1]/hook",
    "https://[fe80::1]/hook",
    "https://[::ffff:10.0.0.1]/hook",
    "https://metadata.google.internal/computeMetadata",
    "https://user:pass@example.com/hook",
    "ftp://example.com/hook",
    "not a url",
  ])("refuses %s in production", (url) => {
    expect(webhookUrlProblem(url, "production")).not.toBeNull();
  });

  it("accepts public https targets", () => {
    expect(webhookUrlProblem("https://hooks.example.com/authpi", "production")).toBeNull();
    expect(webhookUrlProblem("https://8.8.8.8/hook", "production")).toBeNull();
  });

  it("allows http on loopback only in development", () => {
    expect(webhookUrlProblem("http://127.0.0.1:4000/hook", "development")).toBeNull();
    expect(webhookUrlProblem("http://localhost:4000/hook", "development")).toBeNull();
    expect(webhookUrlProblem("http://example.com/hook", "development")).not.toBeNull();
    expect(webhookUrlProblem("https://10.0.0.1/hook", "development")).not.toBeNull();
  });
});
