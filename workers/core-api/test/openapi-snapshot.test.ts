import { describe, expect, it } from "vitest";
import { openApiDoc, operationsOf } from "./support/openapi-doc.ts";

// The whole document, recorded: a refactor of the route declarations must leave every path,
// method, parameter, body, status and named schema as it was (update with `vitest run -u`
// only when a change to the wire contract is meant).
describe("/openapi.json stays what it was", () => {
  it("lists the same operations", async () => {
    const operations = operationsOf(await openApiDoc()).map((o) => `${o.method} ${o.path}`);
    expect(operations).toMatchSnapshot();
  });

  it("declares each operation's parameters, bodies and responses as before", async () => {
    const doc = await openApiDoc();
    for (const { method, path, operation } of operationsOf(doc)) {
      expect.soft(operation, `${method} ${path}`).toMatchSnapshot(`${method} ${path}`);
    }
  });

  it("names the same component schemas with the same shapes", async () => {
    const { components } = await openApiDoc();
    expect(components).toMatchSnapshot();
  });

  it("is the same document to the letter, top-level fields included", async () => {
    const { paths: _paths, components: _components, ...rest } = await openApiDoc();
    expect(rest).toMatchSnapshot();
  });
});
