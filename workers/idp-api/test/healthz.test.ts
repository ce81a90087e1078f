import { workerFetch } from "@authpi/testkit/worker-fetch";
import { describe, expect, it } from "vitest";

describe("GET /healthz", () => {
  it("answers ok once D1 and the IssuerStore object both answer, uncached", async () => {
    const response = await workerFetch("/healthz");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({
      status: "ok",
      checks: { d1: "ok", issuer_store: "ok" },
    });
  });
});
