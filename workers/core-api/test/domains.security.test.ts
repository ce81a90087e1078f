import { env } from "cloudflare:workers";
import { seedAccount, seedIssuer } from "@authpi/testkit/factories";
import { publishTxt } from "@authpi/testkit/fake-doh-worker";
import { apiCall, dataOf } from "@authpi/testkit/worker-fetch";
import { describe, expect, it } from "vitest";
import type { AccountWithDomains } from "./domains.happy.test.ts";

const bindings = env as unknown as { DB: D1Database; DNS_RESOLVER: Fetcher };

const newHost = () => `id.${crypto.randomUUID().slice(0, 8)}.example.net`;

async function addDomain(auth: string, accountId: string, host: string) {
  const response = await apiCall("POST", `/v1/accounts/${accountId}/domains`, auth, { host });
  expect(response.status).toBe(201);
  const account = await dataOf<AccountWithDomains>(response);
  return account.domains.find((d) => d.host === host)?.verification.txt_record_value as string;
}

describe("account domains: what cannot be abused", () => {
  it("stays unverified when the TXT record holds a wrong token, or another account's", async () => {
    const mine = await seedAccount(bindings.DB);
    const theirs = await seedAccount(bindings.DB);
    const host = newHost();
    await addDomain(mine.basicAuth, mine.accountId, host);
    const theirToken = await addDomain(theirs.basicAuth, theirs.accountId, host);
    const verify = () =>
      apiCall("POST", `/v1/accounts/${mine.accountId}/domains/${host}/verify`, mine.basicAuth);

    const missing = await verify();
    expect(missing.status).toBe(422);
    expect(await missing.json()).toMatchObject({
      error: "domain_not_verified",
      error_description: expect.stringContaining("no TXT record"),
    });
    await publishTxt(bindings.DNS_RESOLVER, `_authpi-challenge.${host}`, [
      "authpi-domain-verification=guessed",
      theirToken,
    ]);
    expect((await verify()).status).toBe(422);
    const listed = await apiCall("GET", `/v1/accounts/${mine.accountId}/domains`, mine.basicAuth);
    expect(await dataOf<{ verified: boolean }[]>(listed)).toMatchObject([{ verified: false }]);

    // The owner of the DNS name verifies it; another account can no longer verify it too.
    const theirVerify = await apiCall(
      "POST",
      `/v1/accounts/${theirs.accountId}/domains/${host}/verify`,
      theirs.basicAuth,
    );
    expect(theirVerify.status).toBe(200);
    expect((await verify()).status).toBe(409);
  });

  it("refuses the 21st domain of an account and a domain added twice", async () => {
    const s = await seedAccount(bindings.DB);
    const base = `/v1/accounts/${s.accountId}/domains`;
    const suffix = crypto.randomUUID().slice(0, 8);
    for (let i = 0; i < 20; i++) {
      const created = await apiCall("POST", base, s.basicAuth, {
        host: `d${i}.${suffix}.example.com`,
      });
      expect(created.status).toBe(201);
    }
    const over = await apiCall("POST", base, s.basicAuth, { host: `d20.${suffix}.example.com` });
    expect(over.status).toBe(409);
    expect(await over.json()).toMatchObject({ error_description: expect.stringContaining("20") });
    const twice = await apiCall("POST", base, s.basicAuth, { host: `d0.${suffix}.example.com` });
    expect(twice.status).toBe(409);
  });

  it("assigns only verified domains, only to the account's own issuers", async () => {
    const mine = await seedIssuer(bindings.DB);
    const theirs = await seedIssuer(bindings.DB);
    const host = newHost();
    const token = await addDomain(mine.basicAuth, mine.accountId, host);
    const assign = (issuerId: string) =>
      apiCall("POST", `/v1/accounts/${mine.accountId}/domains/${host}/assign`, mine.basicAuth, {
        issuer_id: issuerId,
      });
    const unverified = await assign(mine.issuer.id);
    expect(unverified.status).toBe(422);
    expect(await unverified.json()).toMatchObject({ error: "domain_not_verified" });
    await publishTxt(bindings.DNS_RESOLVER, `_authpi-challenge.${host}`, [token]);
    await apiCall("POST", `/v1/accounts/${mine.accountId}/domains/${host}/verify`, mine.basicAuth);
    expect((await assign(theirs.issuer.id)).status).toBe(404);
    expect((await assign(mine.issuer.id)).status).toBe(200);
  });
});
