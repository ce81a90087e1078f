import path from "node:path";
import { describe, expect, it } from "vitest";
import { findCircles, importGraph, layerBreaches } from "./support/import-graph.ts";

const DOMAIN = path.resolve(import.meta.dirname, "../packages/domain/src");

describe("the domain package's layers", () => {
  const graph = importGraph(DOMAIN);

  it("has no import circle", () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(findCircles(graph)).toEqual([]);
  });

  it("keeps the storage schema below every aggregate", () => {
    // db/ may use stored value shapes (values/) and input limits, never an aggregate module.
    expect(layerBreaches(graph, "db", ["db", "values", "input"])).toEqual([]);
    expect(layerBreaches(graph, "values", ["values", "input"])).toEqual([]);
  });

  it("finds a circle and a breach when there is one", () => {
    const bad = new Map([
      ["db/schema.ts", ["users/user.ts"]],
      ["users/user.ts", ["db/schema.ts"]],
    ]);
    expect(findCircles(bad)).toEqual([["db/schema.ts", "users/user.ts", "db/schema.ts"]]);
    expect(layerBreaches(bad, "db", ["db", "values"])).toEqual(["db/schema.ts -> users/user.ts"]);
  });
});
