import { env } from "cloudflare:workers";
import { seedIssuer } from "@authpi/testkit/factories";
import { apiCall } from "@authpi/testkit/worker-fetch";
import { describe, expect, it } from "vitest";
import { createdId, listIds } from "./support/lists.ts";

const DB = (env as unknown as { DB: D1Database }).DB;

describe("documented list filters (organizations, members, webhooks, events, agents)", () => {
  it("organizations: status, mfa_required (security.enforce_2fa), invitation_enabled, sso_*", async () => {
    const s = await seedIssuer(DB);
    const base = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/organizations`;
    const strict = await createdId(base, s.basicAuth, {
      name: "Strict",
      security: { enforce_2fa: true },
    });
    const closed = await createdId(base, s.basicAuth, {
      name: "Closed",
      invitation_enabled: false,
    });
    const paused = await createdId(base, s.basicAuth, { name: "Paused" });
    await apiCall("PATCH", `${base}/${paused}`, s.basicAuth, { status: "suspended" });
    const ids = async (query: string) => (await listIds(`${base}?${query}`, s.basicAuth)).sort();
    expect(await ids("mfa_required=true")).toEqual([strict]);
    expect(await ids("mfa_required=false")).toEqual([closed, paused].sort());
    expect(await ids("invitation_enabled=false")).toEqual([closed]);
    expect(await ids("invitation_enabled=true")).toEqual([strict, paused].sort());
    expect(await ids("status=suspended")).toEqual([paused]);
    expect(await ids("sso_enabled=true")).toEqual([]);
    expect(await ids("sso_only=false")).toEqual([strict, closed, paused].sort());
    const bad = await apiCall("GET", `${base}?mfa_required=yes`, s.basicAuth);
    expect(bad.status).toBe(422);
  });

  it("members: status and scope", async () => {
    const s = await seedIssuer(DB);
    const issuer = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}`;
    const org = await createdId(`${issuer}/organizations`, s.basicAuth, { name: "Team" });
    const other = await createdId(`${issuer}/users`, s.basicAuth, { username: "bo@example.com" });
    const members = `${issuer}/organizations/${org}/members`;
    await apiCall("POST", members, s.basicAuth, { member_id: s.user.id, scopes: ["admin"] });
    await apiCall("POST", members, s.basicAuth, { member_id: other, scopes: ["member"] });
    await apiCall("PATCH", `${members}/${other}`, s.basicAuth, { status: "suspended" });
    expect(await listIds(`${members}?scope=admin`, s.basicAuth)).toEqual([s.user.id]);
    expect(await listIds(`${members}?status=suspended`, s.basicAuth)).toEqual([other]);
    expect(await listIds(`${members}?status=active&scope=member`, s.basicAuth)).toEqual([]);
  });

  it("webhooks (status, deleted matches none), deliveries (event_type, status, after, before)", async () => {
    const s = await seedIssuer(DB);
    const base = `/v1/accounts/${s.accountId}/webhooks`;
    const hook = await createdId(base, s.basicAuth, {
      name: "w",
      url: "https://hooks.example.com/in",
      auth: { type: "none" },
    });
    const gone = await createdId(base, s.basicAuth, {
      name: "gone",
      url: "https://hooks.example.com/gone",
      auth: { type: "none" },
    });
    await apiCall("DELETE", `${base}/${gone}`, s.basicAuth);
    expect(await listIds(`${base}?status=active`, s.basicAuth)).toEqual([hook]);
    expect(await listIds(`${base}?status=deleted`, s.basicAuth)).toEqual([]);
    const before = Date.now() - 1;
    expect((await apiCall("POST", `${base}/${hook}/test`, s.basicAuth)).status).toBeLessThan(300);
    const deliveries = `${base}/${hook}/deliveries`;
    const all = await listIds(deliveries, s.basicAuth);
    expect(all).toHaveLength(1);
    expect(await listIds(`${deliveries}?event_type=webhook.test`, s.basicAuth)).toEqual(all);
    expect(await listIds(`${deliveries}?event_type=user.created`, s.basicAuth)).toEqual([]);
    expect(await listIds(`${deliveries}?after=${before}`, s.basicAuth)).toEqual(all);
    expect(await listIds(`${deliveries}?before=${before}`, s.basicAuth)).toEqual([]);
    expect(await listIds(`${deliveries}?after=${Date.now() + 60_000}`, s.basicAuth)).toEqual([]);
  });

  it("events: issuer_id, user_id, event_types, after, before", async () => {
    const s = await seedIssuer(DB);
    const base = `/v1/accounts/${s.accountId}`;
    const start = Date.now() - 1;
    const org = await createdId(`${base}/issuers/${s.issuer.id}/organizations`, s.basicAuth, {
      name: "Evented",
    });
    const events = (query: string) => listIds(`${base}/events?${query}`, s.basicAuth);
    const created = await events(`event_types=organization.created&issuer_id=${s.issuer.id}`);
    expect(created).toHaveLength(1);
    expect(await events(`event_types=organization.*&after=${start}`)).toEqual(created);
    expect(await events(`event_types=organization.created&before=${start}`)).toEqual([]);
    expect(await events(`issuer_id=i_other&event_types=organization.created`)).toEqual([]);
    expect((await events(`user_id=${s.user.id}`)).length).toBeGreaterThan(0);
    expect(org).toMatch(/^org_/);
  });

  it("agents: status, model, provider, has_verifiers", async () => {
    const s = await seedIssuer(DB);
    const base = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/agents`;
    const bot = await createdId(base, s.basicAuth, { name: "bot", model: "m1", provider: "p1" });
    const idle = await createdId(base, s.basicAuth, { name: "idle", model: "m2", provider: "p2" });
    await apiCall("POST", `${base}/${bot}/verifiers`, s.basicAuth, { type: "secret" });
    await apiCall("PATCH", `${base}/${idle}`, s.basicAuth, { status: "suspended" });
    expect(await listIds(`${base}?model=m1`, s.basicAuth)).toEqual([bot]);
    expect(await listIds(`${base}?provider=p2`, s.basicAuth)).toEqual([idle]);
    expect(await listIds(`${base}?has_verifiers=true`, s.basicAuth)).toEqual([bot]);
    expect(await listIds(`${base}?has_verifiers=false`, s.basicAuth)).toEqual([idle]);
    expect(await listIds(`${base}?status=suspended`, s.basicAuth)).toEqual([idle]);
  });
});
