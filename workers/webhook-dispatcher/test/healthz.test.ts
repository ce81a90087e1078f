import { workerFetch } from "@authpi/testkit/worker-fetch";
import { describe, expect, it } from "vitest";

describe("GET /healthz", () => {
  it("answers ok once D1 answers; other paths stay 404", async () => {
    const response = await workerFetch("/healthz");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", checks: { d1: "ok" } });
    expect((await workerFetch("/")).status).toBe(404);
  });
});
