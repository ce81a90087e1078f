import { env } from "cloudflare:workers";
import { apiKeys } from "@authpi/domain/db";
import { seedIssuer } from "@authpi/testkit/factories";
import { apiCall } from "@authpi/testkit/worker-fetch";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { describe, expect, it } from "vitest";
import { createdId, listIds } from "./support/lists.ts";

const DB = (env as unknown as { DB: D1Database }).DB;

describe("documented list filters (spec and authpi-admin list parameters)", () => {
  it("issuers: q, status, access_mode, readiness", async () => {
    const s = await seedIssuer(DB);
    const base = `/v1/accounts/${s.accountId}/issuers`;
    const alpha = await createdId(base, s.basicAuth, { name: "Alpha Prod" });
    const open = await createdId(base, s.basicAuth, {
      name: "open",
      settings: { access: { mode: "open" } },
    });
    const off = await createdId(base, s.basicAuth, { name: "off", status: "disabled" });
    const ids = (query: string) => listIds(`${base}?${query}`, s.basicAuth);
    expect(await ids("q=alpha")).toEqual([alpha]);
    expect(await ids(`q=${open}`)).toEqual([open]);
    expect(await ids("status=disabled")).toEqual([off]);
    expect(await ids("access_mode=open")).toEqual([open]);
    expect((await ids("access_mode=invite_only")).sort()).toEqual([alpha, off, s.issuer.id].sort());
    expect(await ids("readiness=ready")).toEqual([s.issuer.id]);
    expect((await ids("readiness=needs_client")).sort()).toEqual([alpha, open].sort());
    expect(await ids("readiness=disabled")).toEqual([off]);
  });

  it("clients: q, name, status, application_type, readiness", async () => {
    const s = await seedIssuer(DB);
    const base = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/clients`;
    const robot = await createdId(base, s.basicAuth, { name: "Robot", type: "m2m" });
    const bare = await createdId(base, s.basicAuth, { name: "Bare", type: "web" });
    const spa = s.spa.client.id;
    await apiCall("PATCH", `${base}/${spa}`, s.basicAuth, { status: "disabled" });
    const ids = (query: string) => listIds(`${base}?${query}`, s.basicAuth);
    expect(await ids("q=ROBOT")).toEqual([robot]);
    expect(await ids("name=bar")).toEqual([bare]);
    expect(await ids("status=disabled")).toEqual([spa]);
    expect(await ids("status=deleted")).toEqual([]);
    expect(await ids("application_type=m2m")).toEqual([robot]);
    expect((await ids("readiness=ready")).sort()).toEqual([robot, s.web.client.id].sort());
    expect(await ids("readiness=needs_redirect_uri")).toEqual([bare]);
    expect(await ids("readiness=disabled")).toEqual([spa]);
  });

  it("API keys: q, status (expired included), access, readiness", async () => {
    const s = await seedIssuer(DB);
    const base = `/v1/accounts/${s.accountId}/api-keys`;
    const key = (name: string, scopes: string[]) =>
      createdId(base, s.basicAuth, { name, restrictions: { scopes } });
    const scoped = await key("scoped reader", ["events:read"]);
    const empty = await key("empty", []);
    const blocked = await key("blocked", ["events:read"]);
    const old = await key("old", ["events:read"]);
    await apiCall("POST", `${base}/${blocked}/block`, s.basicAuth);
    await drizzle(DB).update(apiKeys).set({ expiresAt: 1000 }).where(eq(apiKeys.id, old));
    const ids = async (query: string) => (await listIds(`${base}?${query}`, s.basicAuth)).sort();
    expect(await ids("q=reader")).toEqual([scoped]);
    expect(await ids("status=expired")).toEqual([old]);
    expect(await ids("status=blocked")).toEqual([blocked]);
    expect(await ids("status=active")).toEqual([s.keyId, scoped, empty].sort());
    expect(await ids("status=suspended")).toEqual([]);
    expect(await ids("access=full")).toEqual([s.keyId]);
    expect(await ids("access=none")).toEqual([empty]);
    expect(await ids("access=scoped")).toEqual([scoped, blocked, old].sort());
    expect(await ids("readiness=ready")).toEqual([s.keyId, scoped].sort());
    expect(await ids("readiness=no_scopes")).toEqual([empty]);
    expect(await ids("readiness=inactive")).toEqual([blocked, old].sort());
  });
});
