import { describe, expect, it } from "vitest";
import { openApiDoc, operationsOf } from "./support/openapi-doc.ts";

describe("/openapi.json lists every status the server gives", () => {
  it("each operation documents the errors its inputs can cause", async () => {
    const missing: string[] = [];
    for (const { method, path, operation } of operationsOf(await openApiDoc())) {
      const statuses = Object.keys(operation.responses).map(Number);
      const expected = [401, 403, 404, 413, 422, 429, 500];
      if (operation.requestBody || method !== "GET") expected.push(400, 409);
      if (operation.requestBody) expected.push(415);
      if (operation.parameters?.some((p) => p.in === "header" && p.name === "if-match"))
        expected.push(412);
      for (const status of expected) {
        if (!statuses.includes(status)) missing.push(`${method} ${path}: ${status}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("names the rotate conflict and the malformed-JSON 400 the server answers", async () => {
    const doc = await openApiDoc();
    const rotate = doc.paths["/v1/accounts/{account_id}/api-keys/{key_id}/rotate"]?.post;
    expect(Object.keys(rotate?.responses ?? {})).toEqual(expect.arrayContaining(["400", "409"]));
    const bodies = operationsOf(doc).filter((o) => o.operation.requestBody);
    expect(bodies.every((o) => "400" in o.operation.responses)).toBe(true);
  });
});
