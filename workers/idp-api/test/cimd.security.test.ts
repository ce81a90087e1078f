import { env } from "cloudflare:workers";
import { seedIssuer } from "@authpi/testkit/factories";
import { workerFetch } from "@authpi/testkit/worker-fetch";
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from "vitest";
import type { Env } from "../src/env.ts";
import type { Seeded } from "./support/login-flow.ts";
import {
  clientDocument,
  documentHits,
  documentUrl,
  enableMetadataDocuments,
  serve,
  serveDocument,
} from "./support/metadata-documents.ts";
import { requestParameters } from "./support/par-flow.ts";

const bindings = env as unknown as Env;

async function enabledIssuer(options: { allowed_hosts?: string[] } = {}) {
  const seeded = await seedIssuer(bindings.DB);
  await enableMetadataDocuments(seeded, options);
  return seeded;
}

/** /authorize for a URL client id, with the redirect URI its document would list. */
async function authorizeAs(seeded: Seeded, clientId: string, redirectUri?: string) {
  const host = URL.parse(clientId)?.host ?? "app.cimd.example";
  const request = await requestParameters(redirectUri ?? `https://${host}/callback`);
  request.params.set("client_id", clientId);
  return workerFetch(`/${seeded.issuer.id}/authorize?${request.params}`, { redirect: "manual" });
}

let warn: MockInstance<typeof console.warn>;
beforeEach(() => {
  warn = vi.spyOn(console, "warn").mockImplementation(() => {});
});
afterEach(() => warn.mockRestore());

/** Why the worker refused URL client ids in this test, as it logged them. */
function refusals(): string[] {
  return warn.mock.calls.flatMap(([line]) => {
    const entry = typeof line === "string" && line.startsWith("{") ? JSON.parse(line) : null;
    return entry?.event === "client_metadata_refused" ? [entry.problem as string] : [];
  });
}

/**
 * An error page, never a redirect (nothing about the client or its redirect URI is verified),
 * and, for a refused document, the reason the worker logged.
 */
async function expectErrorPage(response: Response, text: string, reason?: string) {
  const page = await response.text();
  expect(response.headers.get("location")).toBeNull();
  expect(response.status, page).toBe(400);
  expect(page).toContain(text);
  if (reason) expect(refusals().join("\n")).toContain(reason);
}

describe("client id metadata documents: what is refused", () => {
  it("are off by default: a URL client id is an unknown client and nothing is fetched", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const url = documentUrl();
    await serveDocument(url, clientDocument(url));
    await expectErrorPage(await authorizeAs(seeded, url), "Unknown client", "not enabled");
    expect(await documentHits(url)).toBe(0);
  });

  it("refuses a document whose client_id is not exactly its URL", async () => {
    const seeded = await enabledIssuer();
    const url = documentUrl();
    await serveDocument(url, clientDocument(url, { client_id: `${url}?other` }));
    const response = await authorizeAs(seeded, url);
    await expectErrorPage(response, "Unknown client", "client_id does not match its URL");
  });

  it("shows an error page for a redirect URI the document does not list", async () => {
    const seeded = await enabledIssuer();
    const url = documentUrl();
    await serveDocument(url, clientDocument(url));
    const response = await authorizeAs(seeded, url, "https://attacker.example/callback");
    await expectErrorPage(response, "redirect_uri");
  });

  it.each([
    ["plain http", "must use https", (url: string) => url.replace("https://", "http://")],
    ["an IP literal", "not an IP address", () => "https://93.184.216.34/client.json"],
    ["an IPv6 literal", "not an IP address", () => "https://[2606:2800:220:1::1]/client.json"],
    ["localhost", "a public host", () => "https://localhost/client.json"],
    ["a .localhost name", "a public host", () => "https://app.localhost/client.json"],
    [
      "a non-default port",
      "default https port",
      (url: string) => url.replace(".example/", ".example:8443/"),
    ],
    ["a fragment", "fragment", (url: string) => `${url}#frag`],
    ["credentials", "credentials", (url: string) => url.replace("https://", "https://user:pw@")],
    ["no path", "contain a path", (url: string) => `${new URL(url).origin}/`],
    [
      "a dot segment",
      "canonical form",
      (url: string) => url.replace("/clients/", "/clients/../clients/"),
    ],
  ])("refuses a client id URL with %s, without fetching it", async (_, reason, shape) => {
    const seeded = await enabledIssuer();
    const url = shape(documentUrl());
    // The document is there: only the URL's shape may refuse it.
    const fetchable = url.replace("#frag", "");
    await serveDocument(fetchable, clientDocument(url));
    await expectErrorPage(await authorizeAs(seeded, url), "Unknown client", reason);
    expect(await documentHits(fetchable)).toBe(0);
  });

  it("refuses a document over 5 KB", async () => {
    const seeded = await enabledIssuer();
    const url = documentUrl();
    await serveDocument(url, clientDocument(url, { software_statement_note: "x".repeat(5200) }));
    await expectErrorPage(await authorizeAs(seeded, url), "Unknown client", "exceeds 5120 bytes");
    // Just under the cap is fine: the size is the rule.
    const small = documentUrl();
    await serveDocument(small, clientDocument(small, { note: "x".repeat(4000) }));
    expect((await authorizeAs(seeded, small)).status).toBe(200);
  });

  it("refuses a document that is not JSON, by content type or by body", async () => {
    const seeded = await enabledIssuer();
    const html = documentUrl();
    const body = JSON.stringify(clientDocument(html));
    await serve({ url: html, body, headers: { "content-type": "text/html" } });
    await expectErrorPage(await authorizeAs(seeded, html), "Unknown client", "not served as JSON");
    const broken = documentUrl();
    await serve({
      url: broken,
      body: "{not json",
      headers: { "content-type": "application/json" },
    });
    await expectErrorPage(await authorizeAs(seeded, broken), "Unknown client", "not valid JSON");
  });

  it.each([
    ["a client_secret", "client_secret: must not be present", { client_secret: "s3cret" }],
    ["client_secret_expires_at", "client_secret_expires_at:", { client_secret_expires_at: 0 }],
    ["client_secret_basic", "only none", { token_endpoint_auth_method: "client_secret_basic" }],
    [
      "a client_credentials grant",
      "client_credentials is not available",
      { grant_types: ["authorization_code", "client_credentials"] },
    ],
    [
      "a redirect_uris string",
      "redirect_uris: ",
      { redirect_uris: "https://app.cimd.example/callback" },
    ],
    [
      "an http redirect URI",
      "must use https",
      { redirect_uris: ["http://app.cimd.example/callback"] },
    ],
  ])("refuses a document with %s", async (_, reason, extra) => {
    const seeded = await enabledIssuer();
    const url = documentUrl();
    await serveDocument(url, clientDocument(url, extra));
    await expectErrorPage(await authorizeAs(seeded, url), "Unknown client", reason);
  });

  it("refuses a host the issuer did not allow, without fetching it", async () => {
    const seeded = await enabledIssuer({ allowed_hosts: ["trusted.cimd.example"] });
    const url = documentUrl("app");
    await serveDocument(url, clientDocument(url));
    await expectErrorPage(await authorizeAs(seeded, url), "Unknown client", "not allowed");
    expect(await documentHits(url)).toBe(0);
    const trusted = documentUrl("trusted");
    await serveDocument(trusted, clientDocument(trusted));
    expect((await authorizeAs(seeded, trusted)).status).toBe(200);
  });

  it("gives up on a document that takes longer than 5 s", async () => {
    const seeded = await enabledIssuer();
    const url = documentUrl();
    await serve({
      url,
      body: JSON.stringify(clientDocument(url)),
      headers: { "content-type": "application/json" },
      delayMs: 7000,
    });
    const started = Date.now();
    await expectErrorPage(await authorizeAs(seeded, url), "Unknown client", "timed out");
    expect(Date.now() - started).toBeLessThan(6500);
  });

  it("does not follow a redirect from the document URL", async () => {
    const seeded = await enabledIssuer();
    const url = documentUrl();
    const target = documentUrl();
    await serveDocument(target, clientDocument(url));
    await serve({ url, status: 302, headers: { location: target } });
    await expectErrorPage(await authorizeAs(seeded, url), "Unknown client", "redirects");
    expect(await documentHits(target)).toBe(0);
  });

  it("answers invalid_client at the token endpoint when the document is refused", async () => {
    const seeded = await enabledIssuer();
    const url = documentUrl();
    await serveDocument(url, clientDocument(url, { client_secret: "s3cret" }));
    const response = await workerFetch(`/${seeded.issuer.id}/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        client_id: url,
        code: "not-a-code",
        redirect_uri: "https://app.cimd.example/callback",
        code_verifier: "x".repeat(43),
      }),
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: string }).error).toBe("invalid_client");
    expect(refusals().join("\n")).toContain("client_secret: must not be present");
  });
});
