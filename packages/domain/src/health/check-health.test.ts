import { describe, expect, it } from "vitest";
import { checkHealth } from "./check-health.ts";

describe("checkHealth", () => {
  it("is ok when every probe resolves", async () => {
    const report = await checkHealth({ d1: async () => 1, issuer_store: async () => ({}) });
    expect(report).toEqual({ status: "ok", checks: { d1: "ok", issuer_store: "ok" } });
  });

  it("fails, naming the dependency, when one probe throws", async () => {
    const report = await checkHealth({
      d1: async () => 1,
      issuer_store: async () => {
        throw new Error("object unreachable");
      },
    });
    expect(report).toEqual({ status: "failing", checks: { d1: "ok", issuer_store: "failing" } });
  });
});
