import { env } from "cloudflare:workers";
import { getClient } from "@authpi/domain/clients";
import { seedIssuer } from "@authpi/testkit/factories";
import { workerFetch } from "@authpi/testkit/worker-fetch";
import * as client from "openid-client";
import { describe, expect, it } from "vitest";
import { answerConsent, authorize, isConsentPage, TestBrowser } from "./support/consent-flow.ts";
import { issuerUrl } from "./support/login-flow.ts";
import { customFetch } from "./support/oidc.ts";
import {
  enableRegistration,
  initialAccessToken,
  MCP_METADATA,
  register,
} from "./support/registration.ts";

const DB = (env as unknown as { DB: D1Database }).DB;

describe("dynamic client registration (RFC 7591)", () => {
  it("discovery names the endpoint once the issuer turns registration on", async () => {
    const seeded = await seedIssuer(DB);
    await enableRegistration(seeded, { mode: "open" });
    const response = await workerFetch(`/${seeded.issuer.id}/.well-known/openid-configuration`);
    const metadata = (await response.json()) as Record<string, unknown>;
    expect(metadata.registration_endpoint).toBe(`${issuerUrl(seeded)}/register`);
  });

  it("open mode registers an MCP client as a public, third-party native client", async () => {
    const seeded = await seedIssuer(DB);
    await enableRegistration(seeded, { mode: "open" });
    const response = await register(seeded, MCP_METADATA);
    expect(response.status, await response.clone().text()).toBe(201);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      client_name: "Example MCP client",
      redirect_uris: ["http://127.0.0.1:33418/callback"],
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "none",
      software_id: "example-mcp",
      software_version: "1.2.3",
    });
    expect(body.client_id).toMatch(/^c_/);
    expect(body.client_secret).toBeUndefined();
    expect(body.client_id_issued_at).toBeTypeOf("number");
    const row = await getClient(seeded.db, seeded.issuer.id, body.client_id as string);
    expect(row).toMatchObject({ type: "native", accountId: seeded.accountId, secretHash: null });
    expect(row.settings.first_party).toBe(false);
    expect(row.metadata.registration).toMatchObject({ via: "dynamic_registration" });
  });

  it("dpop_bound_access_tokens is kept (RFC 9449 §5.2): the client's tokens need a proof", async () => {
    const seeded = await seedIssuer(DB);
    await enableRegistration(seeded, { mode: "open" });
    const response = await register(seeded, { ...MCP_METADATA, dpop_bound_access_tokens: true });
    expect(response.status, await response.clone().text()).toBe(201);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body.dpop_bound_access_tokens).toBe(true);
    const row = await getClient(seeded.db, seeded.issuer.id, body.client_id as string);
    expect(row.settings.dpop_bound_access_tokens).toBe(true);
  });

  it("records client.created with the new client as the actor", async () => {
    const seeded = await seedIssuer(DB);
    await enableRegistration(seeded, { mode: "open" });
    const { client_id } = (await (await register(seeded, MCP_METADATA)).json()) as {
      client_id: string;
    };
    const event = await DB.prepare(
      "SELECT actor, data, source FROM events WHERE type = 'client.created' AND subject_id = ?",
    )
      .bind(client_id)
      .first<{ actor: string; data: string; source: string }>();
    expect(JSON.parse(event?.actor ?? "{}")).toEqual({ type: "client", id: client_id });
    expect(JSON.parse(event?.data ?? "{}")).toMatchObject({ registration: "dynamic" });
    expect(event?.source).toBe("idp-api");
  });

  it("openid-client registers with an initial access token, then signs in through consent", async () => {
    const seeded = await seedIssuer(DB);
    await enableRegistration(seeded, { mode: "initial_access_token" });
    const config = await client.dynamicClientRegistration(
      new URL(issuerUrl(seeded)),
      {
        client_name: "Registered app",
        redirect_uris: ["https://registered.example.com/callback"],
        grant_types: ["authorization_code", "refresh_token"],
        scope: "openid email offline_access",
      },
      undefined,
      {
        initialAccessToken: await initialAccessToken(seeded),
        execute: [client.allowInsecureRequests],
        [client.customFetch]: customFetch,
      },
    );
    const registered = config.clientMetadata();
    expect(registered.client_secret).toBeTypeOf("string");
    expect(registered.client_secret_expires_at).toBe(0);
    const row = await getClient(seeded.db, seeded.issuer.id, registered.client_id);
    expect(row.type).toBe("web");

    const third = { ...seeded, web: { client: row, secret: registered.client_secret as string } };
    const browser = new TestBrowser();
    const { page, finish } = await authorize(third, browser);
    expect(isConsentPage(third, page)).toBe(true);
    expect(page).toContain("Registered app");
    const tokens = await finish(await answerConsent(third, browser, page, "allow"));
    expect(tokens.claims()?.aud).toBe(registered.client_id);
  });

  it("RFC 7592: the registration access token reads the registration and deletes the client", async () => {
    const seeded = await seedIssuer(DB);
    await enableRegistration(seeded, { mode: "open" });
    const created = (await (await register(seeded, MCP_METADATA)).json()) as Record<string, string>;
    const uri = `${issuerUrl(seeded)}/register/${created.client_id}`;
    expect(created.registration_client_uri).toBe(uri);
    expect(created.registration_access_token).toMatch(/^rat_/);
    const auth = { authorization: `Bearer ${created.registration_access_token}` };
    const path = `/${seeded.issuer.id}/register/${created.client_id}`;

    const read = await workerFetch(path, { headers: auth });
    expect(read.status).toBe(200);
    const body = (await read.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ client_id: created.client_id, client_name: "Example MCP client" });
    expect(body).not.toHaveProperty("registration_access_token");

    expect((await workerFetch(path, { method: "DELETE", headers: auth })).status).toBe(204);
    await expect(
      getClient(seeded.db, seeded.issuer.id, created.client_id as string),
    ).rejects.toThrow();
    expect((await workerFetch(path, { headers: auth })).status).toBe(401);
  });
});
