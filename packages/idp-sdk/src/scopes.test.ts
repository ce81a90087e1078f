import { describe, expect, it } from "vitest";
import { hasAccess, scopeGrants } from "./scopes.ts";

describe("scope rules (same as the Python SDK)", () => {
  it.each([
    [["users:read", "projects:**"], "read", "users", true],
    [["users:read", "projects:**"], "write", "projects.tasks", true],
    [["users:read"], "write", "users", false],
    [["users:*"], "delete", "users", true],
    [["users:*"], "read", "users.verifiers", false],
    [["*:read"], "read", "projects", true],
    [["*:read"], "read", "projects.tasks", false],
    [["*:**"], "write", "a.b.c", true],
    [["owner"], "read", "owner", false],
    [["projects:"], "read", "projects", false],
  ])("%j grants %s on %s: %s", (scopes, action, resource, expected) => {
    expect(hasAccess(scopes, action, resource)).toBe(expected);
  });

  it("uses the last colon, so resources may not contain one but actions are exact", () => {
    expect(scopeGrants("a.b:read", "read", "a.b")).toBe(true);
    expect(scopeGrants(":read", "read", "")).toBe(false);
  });
});
