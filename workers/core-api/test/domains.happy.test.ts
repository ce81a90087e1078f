import { env } from "cloudflare:workers";
import { events } from "@authpi/domain/db";
import { seedIssuer } from "@authpi/testkit/factories";
import { publishTxt } from "@authpi/testkit/fake-doh-worker";
import { apiCall, dataOf } from "@authpi/testkit/worker-fetch";
import { and, eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";

const bindings = env as unknown as { DB: D1Database; DNS_RESOLVER: Fetcher };

export type Domain = {
  host: string;
  verified: boolean;
  primary: boolean;
  assigned_issuer_id: string | null;
  verification: { txt_record_name: string; txt_record_value: string };
};
export type AccountWithDomains = { id: string; organization: { id: string }; domains: Domain[] };

describe("account domains", () => {
  it("adds, verifies by TXT over DoH, assigns, unassigns and removes, with events", async () => {
    const s = await seedIssuer(bindings.DB);
    const base = `/v1/accounts/${s.accountId}/domains`;
    const host = `auth.${crypto.randomUUID().slice(0, 8)}.example.com`;

    const created = await apiCall("POST", base, s.basicAuth, { host: `  ${host.toUpperCase()}. ` });
    expect(created.status).toBe(201);
    const account = await dataOf<AccountWithDomains>(created);
    expect(account.id).toBe(s.accountId);
    const [domain] = account.domains;
    expect(domain).toMatchObject({
      host,
      verified: false,
      primary: false,
      assigned_issuer_id: null,
    });
    expect(domain?.verification.txt_record_name).toBe(`_authpi-challenge.${host}`);
    expect(domain?.verification.txt_record_value).toMatch(/^authpi-domain-verification=\S{32}$/);

    const listed = await apiCall("GET", base, s.basicAuth);
    expect(await listed.json()).toMatchObject({
      data: [{ host, verified: false }],
      has_more: false,
      next_cursor: null,
    });

    await publishTxt(bindings.DNS_RESOLVER, `_authpi-challenge.${host}`, [
      "v=spf1 -all",
      domain?.verification.txt_record_value as string,
    ]);
    const verified = await apiCall("POST", `${base}/${host}/verify`, s.basicAuth);
    expect(verified.status).toBe(200);
    expect((await dataOf<AccountWithDomains>(verified)).domains[0]?.verified).toBe(true);
    const again = await apiCall("POST", `${base}/${host}/verify`, s.basicAuth);
    expect(again.status).toBe(200);

    const assigned = await apiCall("POST", `${base}/${host}/assign`, s.basicAuth, {
      issuer_id: s.issuer.id,
    });
    expect(assigned.status).toBe(200);
    const etag = assigned.headers.get("etag") as string;
    expect((await dataOf<AccountWithDomains>(assigned)).domains[0]).toMatchObject({
      assigned_issuer_id: s.issuer.id,
      primary: true,
    });

    const stale = await apiCall("POST", `${base}/${host}/unassign`, s.basicAuth, undefined, {
      "if-match": '"1"',
    });
    expect(stale.status).toBe(412);
    const unassigned = await apiCall("POST", `${base}/${host}/unassign`, s.basicAuth, undefined, {
      "if-match": etag,
    });
    expect(
      (await dataOf<AccountWithDomains>(unassigned)).domains[0]?.assigned_issuer_id,
    ).toBeNull();

    expect((await apiCall("DELETE", `${base}/${host}`, s.basicAuth)).status).toBe(204);
    expect((await apiCall("DELETE", `${base}/${host}`, s.basicAuth)).status).toBe(404);
    const recorded = await s.db
      .select({ type: events.type })
      .from(events)
      .where(and(eq(events.accountId, s.accountId), like(events.type, "account.domain.%")))
      .orderBy(events.id);
    expect(recorded.map((e) => e.type)).toEqual([
      "account.domain.added",
      "account.domain.verified",
      "account.domain.assigned",
      "account.domain.unassigned",
      "account.domain.removed",
    ]);
  });

  it("joins a TXT value split into several character-strings (RFC 1035 §3.3.14)", async () => {
    const s = await seedIssuer(bindings.DB);
    const base = `/v1/accounts/${s.accountId}/domains`;
    const host = `long.${crypto.randomUUID().slice(0, 8)}.example.org`;
    const account = await dataOf<AccountWithDomains>(
      await apiCall("POST", base, s.basicAuth, { host }),
    );
    const value = account.domains[0]?.verification.txt_record_value as string;
    await publishTxt(bindings.DNS_RESOLVER, `_authpi-challenge.${host}`, [value], { chunk: 16 });
    expect((await apiCall("POST", `${base}/${host}/verify`, s.basicAuth)).status).toBe(200);
  });
});
