import { env, runInDurableObject } from "cloudflare:test";
import { issuerStoreId } from "@authpi/domain/oauth";
import { seedIssuer } from "@authpi/testkit/factories";
import * as oauth from "oauth4webapi";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Env } from "../src/env.ts";
import { TestBrowser } from "./support/browser.ts";
import type { Seeded } from "./support/login-flow.ts";
import {
  authorizeInBrowser,
  basicAuth,
  discoverAs,
  postPar,
  pushForWeb,
  requestParameters,
  requireParForIssuer,
  webClientRequiringPar,
} from "./support/par-flow.ts";
import { follow } from "./support/portal.ts";

const bindings = env as unknown as Env;
const WEB_CALLBACK = "https://app.example.com/callback";
const GONE = "request_uri is unknown, expired or already used";

afterEach(() => {
  vi.restoreAllMocks();
});

async function pushedUri(seeded: Seeded, extra: Record<string, string> = {}) {
  const request = await requestParameters(WEB_CALLBACK, extra);
  const as = await discoverAs(seeded);
  const response = await pushForWeb(seeded, request.params);
  const pushed = await oauth.processPushedAuthorizationResponse(
    as,
    { client_id: seeded.web.client.id },
    response,
  );
  return { ...request, requestUri: pushed.request_uri };
}

/** /authorize by request_uri, without signing in: the login page (200) or a refusal. */
function authorizeBy(seeded: Seeded, clientId: string, requestUri: string) {
  const query = new URLSearchParams({ client_id: clientId, request_uri: requestUri });
  return new TestBrowser().fetch(`/${seeded.issuer.id}/authorize?${query}`);
}

async function expectRefusedPage(response: Response) {
  expect(response.status).toBe(400);
  expect(response.headers.get("location")).toBeNull();
  expect(await response.text()).toContain(GONE);
}

function plainAuthorize(seeded: Seeded, clientId: string, redirectUri: string) {
  const query = new URLSearchParams({
    client_id: clientId,
    redirect_uri: redirectUri,
    response_type: "code",
    scope: "openid",
    state: "s1",
    code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    code_challenge_method: "S256",
  });
  return new TestBrowser().fetch(`/${seeded.issuer.id}/authorize?${query}`);
}

describe("pushed authorization requests: abuse (RFC 9126)", () => {
  it("a request_uri works once: a second /authorize with it is refused on a page", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const { requestUri } = await pushedUri(seeded);
    expect((await authorizeBy(seeded, seeded.web.client.id, requestUri)).status).toBe(200);
    await expectRefusedPage(await authorizeBy(seeded, seeded.web.client.id, requestUri));
  });

  it("a request_uri expires after 60 seconds", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const { requestUri } = await pushedUri(seeded);
    const real = Date.now.bind(Date);
    vi.spyOn(Date, "now").mockImplementation(() => real() + 60_001);
    await expectRefusedPage(await authorizeBy(seeded, seeded.web.client.id, requestUri));
  });

  it("another client cannot use a request_uri, nor spend it for its owner", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const { requestUri } = await pushedUri(seeded);
    await expectRefusedPage(await authorizeBy(seeded, seeded.spa.client.id, requestUri));
    const other = await seedIssuer(bindings.DB);
    const elsewhere = `/${other.issuer.id}/authorize?${new URLSearchParams({
      client_id: seeded.web.client.id,
      request_uri: requestUri,
    })}`;
    expect((await new TestBrowser().fetch(elsewhere)).status).toBe(400);
    expect((await authorizeBy(seeded, seeded.web.client.id, requestUri)).status).toBe(200);
  });

  it("a guessed or malformed request_uri is refused, never redirected", async () => {
    const seeded = await seedIssuer(bindings.DB);
    for (const guess of ["", "x", "A".repeat(43), `${"A".repeat(43)}&state=1`]) {
      const uri = `urn:ietf:params:oauth:request_uri:${guess}`;
      await expectRefusedPage(await authorizeBy(seeded, seeded.web.client.id, uri));
    }
  });

  it("a confidential client must authenticate at /par: 401 invalid_client", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const { params } = await requestParameters(WEB_CALLBACK);
    const id = seeded.web.client.id;
    for (const [body, headers] of [
      [new URLSearchParams([["client_id", id], ...params]), {}],
      [new URLSearchParams([["client_id", id], ["client_secret", "wrong"], ...params]), {}],
      [new URLSearchParams(params), { authorization: basicAuth(id, "wrong") }],
    ] as const) {
      const response = await postPar(seeded, body, headers);
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toContain("Basic");
      expect(await response.json()).toMatchObject({ error: "invalid_client" });
    }
  });

  it("refuses a request_uri inside the pushed body (RFC 9126 §2.1)", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const { params } = await requestParameters(WEB_CALLBACK, {
      request_uri: "urn:ietf:params:oauth:request_uri:abc",
    });
    const response = await postPar(seeded, params, {
      authorization: basicAuth(seeded.web.client.id, seeded.web.secret as string),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toMatchObject({
      error: "invalid_request",
      error_description: "request_uri must not be sent to the PAR endpoint",
    });
  });

  it("checks pushed parameters as /authorize does: redirect URI, PKCE, scope, response type", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const web = { authorization: basicAuth(seeded.web.client.id, seeded.web.secret as string) };
    const cases: [Record<string, string>, string][] = [
      [{ redirect_uri: "https://evil.example.com/callback" }, "invalid_request"],
      [{ scope: "openid payroll:admin" }, "invalid_scope"],
      [{ response_type: "token" }, "unsupported_response_type"],
      [{ code_challenge_method: "plain" }, "invalid_request"],
      [{ response_mode: "jwt" }, "invalid_request"],
      [{ resource: "not a uri" }, "invalid_target"],
    ];
    for (const [extra, error] of cases) {
      const { params } = await requestParameters(WEB_CALLBACK, extra);
      const response = await postPar(seeded, params, web);
      expect(response.status, JSON.stringify(extra)).toBe(400);
      expect(await response.json()).toMatchObject({ error });
    }
    const spa = seeded.spa.client;
    const { params } = await requestParameters(spa.settings.redirect_uris[0] as string);
    params.delete("code_challenge");
    params.delete("code_challenge_method");
    params.set("client_id", spa.id);
    const noPkce = await postPar(seeded, params);
    expect(noPkce.status).toBe(400);
    expect(await noPkce.json()).toMatchObject({ error: "invalid_request" });
  });

  it("keeps only the request_uri's hash and sealed parameters, never the client secret", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const { requestUri, state } = await pushedUri(seeded, { login_hint: "alice@example.com" });
    const ns = bindings.ISSUER_STORE;
    const rows = await runInDurableObject(
      ns.get(issuerStoreId(ns, seeded.issuer.id)),
      (_instance, storage) =>
        storage.storage.sql
          .exec("SELECT uri_hash, client_id, payload FROM pushed_requests")
          .toArray(),
    );
    expect(rows).toHaveLength(1);
    const stored = JSON.stringify(rows);
    const random = requestUri.split(":").pop() as string;
    for (const secret of [random, state, "alice@example.com", seeded.web.secret as string]) {
      expect(stored).not.toContain(secret);
    }
    expect(rows[0]?.client_id).toBe(seeded.web.client.id);
  });

  it("a client that must push is refused a plain /authorize, with the error at its redirect URI", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const strict = await webClientRequiringPar(seeded);
    const response = await plainAuthorize(
      seeded,
      strict.client.id,
      "https://par.example.com/callback",
    );
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location") as string);
    expect(location.origin).toBe("https://par.example.com");
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      error: "invalid_request",
      error_description: "pushed authorization request required",
      state: "s1",
    });
    // A redirect URI the client never registered is still an error page, never a redirect.
    const foreign = await plainAuthorize(seeded, strict.client.id, "https://evil.example.com/cb");
    expect(foreign.status).toBe(400);
  });

  it("an issuer that requires PAR refuses plain requests of every client but its own portal", async () => {
    const seeded = await seedIssuer(bindings.DB);
    await requireParForIssuer(seeded);
    const refused = await plainAuthorize(seeded, seeded.web.client.id, WEB_CALLBACK);
    expect(new URL(refused.headers.get("location") as string).searchParams.get("error")).toBe(
      "invalid_request",
    );
    const { response } = await authorizeInBrowser(seeded, {
      client_id: seeded.web.client.id,
      request_uri: (await pushedUri(seeded)).requestUri,
    });
    expect(
      new URL(response.headers.get("location") as string).searchParams.get("code"),
    ).toBeTruthy();
    const browser = new TestBrowser();
    const portal = await follow(browser, await browser.fetch(`/${seeded.issuer.id}/account`));
    expect(portal.status).toBe(200);
    expect(await portal.text()).toContain('name="password"');
  });
});
