import { workerFetch } from "@authpi/testkit/worker-fetch";
import { describe, expect, it } from "vitest";

describe("GET /openapi.json", () => {
  it("is an OpenAPI 3.1 document with named schemas and every route", async () => {
    const response = await workerFetch("/openapi.json");
    expect(response.status).toBe(200);
    const doc = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/v1/bootstrap",
        "/v1/accounts/{account_id}/issuers",
        "/v1/accounts/{account_id}/issuers/{issuer_id}",
      ]),
    );
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(["Issuer", "ApiError", "CreateIssuerInput"]),
    );
  });
});
