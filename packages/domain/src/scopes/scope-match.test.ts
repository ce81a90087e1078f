import { describe, expect, it } from "vitest";
import { coversScope, hasAccess, parseScope } from "./scope-match.ts";

describe("scope grammar resource[.sub]:action", () => {
  it("parses on the last colon", () => {
    expect(parseScope("users.verifiers:write")).toEqual({
      resource: "users.verifiers",
      action: "write",
    });
    expect(parseScope("owner")).toBeNull();
    expect(parseScope(":read")).toBeNull();
  });

  it("matches exactly and denies by default", () => {
    expect(hasAccess(["projects:read"], "read", "projects")).toBe(true);
    expect(hasAccess(["projects:read"], "write", "projects")).toBe(false);
    expect(hasAccess(["projects:read"], "read", "projects.tasks")).toBe(false);
    expect(hasAccess([], "read", "projects")).toBe(false);
    expect(hasAccess(["owner", "member"], "read", "projects")).toBe(false);
  });

  it("honours * and ** as AuthPI's SDKs do", () => {
    expect(hasAccess(["projects:*"], "delete", "projects")).toBe(true);
    expect(hasAccess(["projects:*"], "read", "projects.tasks")).toBe(false);
    expect(hasAccess(["projects:**"], "write", "projects.tasks")).toBe(true);
    expect(hasAccess(["*:read"], "read", "users")).toBe(true);
    expect(hasAccess(["*:read"], "read", "users.verifiers")).toBe(false);
    expect(hasAccess(["*:**"], "delete", "issuers.users.sessions")).toBe(true);
  });

  it("checks a required scope string", () => {
    expect(coversScope(["issuers:**"], "issuers.users:write")).toBe(true);
    expect(coversScope(["issuers:read"], "issuers:write")).toBe(false);
  });
});
