import { exports } from "cloudflare:workers";
import { workerFetch } from "@authpi/testkit/worker-fetch";
import { describe, expect, it } from "vitest";
import { operationIdFor } from "../src/route-contract.ts";

interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
}
interface Doc {
  servers: { url: string }[];
  info: { description?: string };
  paths: Record<string, Record<string, Operation>>;
}

const operations = (doc: Doc) =>
  Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op })),
  );

describe("the OpenAPI document as a reference", () => {
  it("names every operation once and describes it, with the scope it needs", async () => {
    const doc = (await (await workerFetch("/openapi.json")).json()) as Doc;
    const all = operations(doc);
    expect(all.length).toBeGreaterThan(100);
    const ids = all.map(({ op }) => op.operationId);
    expect(ids.every((id) => typeof id === "string" && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { path, method, op } of all) {
      expect(op.description, `${method} ${path}`).toMatch(/Requires an API key|bootstrap/i);
    }
    const list = doc.paths["/v1/accounts/{account_id}/issuers/{issuer_id}/users"];
    expect(list?.get?.operationId).toBe("accounts.issuers.users.list");
    expect(list?.get?.description).toContain("`issuers.users:read`");
    expect(list?.post?.description).toContain("Idempotency-Key");
    expect(doc.info.description).toContain("HTTP Basic");
    expect(doc.paths["/v1/me"]?.get?.operationId).toBe("me.get");
    expect(doc.paths["/v1/bootstrap"]?.post?.description).toContain("bootstrap token");
  });

  it("names the deployment it came from as its server", async () => {
    const worker = (exports as unknown as { default: Fetcher }).default;
    const response = await worker.fetch(new Request("https://core.example.test/openapi.json"));
    const doc = (await response.json()) as Doc;
    expect(doc.servers).toEqual([
      { url: "https://core.example.test", description: "This deployment" },
    ]);
  });

  it("serves an interactive reference at /docs reading that document", async () => {
    const response = await workerFetch("/docs");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    const html = await response.text();
    expect(html).toContain("/openapi.json");
    expect(html).toContain("AuthPI Edge Core API");
  });

  it("derives ids from the path's literal segments and the verb", () => {
    expect(operationIdFor("get", "/v1/accounts/{account_id}/issuers/{issuer_id}")).toBe(
      "accounts.issuers.get",
    );
    expect(operationIdFor("patch", "/v1/accounts/{account_id}/issuers/{issuer_id}")).toBe(
      "accounts.issuers.update",
    );
    expect(
      operationIdFor(
        "post",
        "/v1/accounts/{account_id}/issuers/{issuer_id}/sessions/{session_id}/revoke",
      ),
    ).toBe("accounts.issuers.sessions.revoke.create");
    expect(operationIdFor("get", "/v1/accounts")).toBe("accounts.list");
    expect(operationIdFor("get", "/v1/accounts/{account_id}")).toBe("accounts.get");
  });
});
