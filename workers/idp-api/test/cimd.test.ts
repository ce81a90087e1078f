import { env } from "cloudflare:workers";
import { findConsent } from "@authpi/domain/consents";
import { events } from "@authpi/domain/db";
import { seedIssuer } from "@authpi/testkit/factories";
import { and, eq } from "drizzle-orm";
import * as oauth from "oauth4webapi";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import { answerConsent, isConsentPage } from "./support/consent-flow.ts";
import type { Seeded } from "./support/login-flow.ts";
import {
  clientDocument,
  documentHits,
  documentUrl,
  enableMetadataDocuments,
  serveDocument,
} from "./support/metadata-documents.ts";
import { authorizeInBrowser, discoverAs, insecure, requestParameters } from "./support/par-flow.ts";

const bindings = env as unknown as Env;

async function metadataOf(seeded: Seeded) {
  return (await discoverAs(seeded)) as Record<string, unknown>;
}

describe("client id metadata documents", () => {
  it("discovery advertises them only when the issuer turned them on", async () => {
    const off = await seedIssuer(bindings.DB);
    expect(await metadataOf(off)).not.toHaveProperty("client_id_metadata_document_supported");
    // Each issuer is enabled before its first request: a worker keeps an issuer row for 30 s.
    const on = await seedIssuer(bindings.DB);
    await enableMetadataDocuments(on);
    expect((await metadataOf(on)).client_id_metadata_document_supported).toBe(true);
  });
});

describe("a client known by its metadata document", () => {
  it("signs in with oauth4webapi through consent, then refreshes and reads userinfo", async () => {
    const seeded = await seedIssuer(bindings.DB);
    await enableMetadataDocuments(seeded);
    const url = documentUrl("mcp");
    const signedOut = `https://${new URL(url).host}/signed-out`;
    const document = clientDocument(url, {
      scope: "openid email offline_access",
      post_logout_redirect_uris: [signedOut],
    });
    await serveDocument(url, document, { "cache-control": "max-age=600" });
    const redirectUri = document.redirect_uris[0] as string;

    const as = await discoverAs(seeded);
    const client: oauth.Client = { client_id: url, token_endpoint_auth_method: "none" };
    const request = await requestParameters(redirectUri, { scope: "openid email offline_access" });
    request.params.set("client_id", url);
    const { response, browser } = await authorizeInBrowser(
      seeded,
      Object.fromEntries(request.params),
    );
    const page = await response.text();
    expect(response.status, page).toBe(200);
    expect(isConsentPage(seeded, page)).toBe(true);
    expect(page).toContain(`Allow Example MCP client (${new URL(url).host}) to use your account?`);
    expect(page).toContain(`a document on ${new URL(url).host}`);

    const answer = await answerConsent(seeded, browser, page, "allow");
    const callback = new URL(answer.headers.get("location") as string);
    const params = oauth.validateAuthResponse(as, client, callback, request.state);
    const code = await oauth.processAuthorizationCodeResponse(
      as,
      client,
      await oauth.authorizationCodeGrantRequest(
        as,
        client,
        oauth.None(),
        params,
        redirectUri,
        request.verifier,
        insecure,
      ),
      { expectedNonce: request.nonce, requireIdToken: true },
    );
    expect(oauth.getValidatedIdTokenClaims(code)?.aud).toBe(url);
    expect(code.refresh_token).toBeTruthy();

    const refreshed = await oauth.processRefreshTokenResponse(
      as,
      client,
      await oauth.refreshTokenGrantRequest(
        as,
        client,
        oauth.None(),
        code.refresh_token as string,
        insecure,
      ),
    );
    const sub = oauth.getValidatedIdTokenClaims(code)?.sub as string;
    const info = await oauth.processUserInfoResponse(
      as,
      client,
      sub,
      await oauth.userInfoRequest(as, client, refreshed.access_token, insecure),
    );
    expect(info.email).toBe("alice@example.com");

    // The consent and its event are keyed by the URL; the document was fetched once (cached).
    expect((await findConsent(seeded.db, seeded.issuer.id, sub, url))?.scopes).toContain("email");
    const granted = await seeded.db
      .select()
      .from(events)
      .where(and(eq(events.type, "user.consent.granted"), eq(events.subjectId, sub)));
    expect(granted.map((e) => e.data.client_id)).toEqual([url]);
    expect(await documentHits(url)).toBe(1);

    // RP-initiated logout returns to a post-logout URI the document lists.
    const logout = await browser.fetch(
      `/${seeded.issuer.id}/logout?${new URLSearchParams({
        id_token_hint: code.id_token as string,
        post_logout_redirect_uri: signedOut,
        state: "bye",
      })}`,
    );
    expect(logout.headers.get("location")).toBe(`${signedOut}?state=bye`);
  });
});
