import { workerFetch } from "@authpi/testkit/worker-fetch";
import { describe, expect, it } from "vitest";

describe("GET /healthz", () => {
  it("answers ok without an API key once D1 and the IdP's IssuerStore both answer", async () => {
    const response = await workerFetch("/healthz");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: "ok",
      checks: { d1: "ok", issuer_store: "ok" },
    });
  });
});
