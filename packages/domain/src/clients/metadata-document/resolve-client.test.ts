import { describe, expect, it } from "vitest";
import { clientIdUrlProblem } from "./client-id-url.ts";
import { DocumentCache } from "./document-cache.ts";
import { cacheSeconds } from "./fetch-document.ts";
import { type MetadataDocumentDeps, resolveMetadataClient } from "./resolve-client.ts";

const URL_ID = "https://app.example.com/oauth/client.json";

function documentServer(cacheControl?: string) {
  let fetches = 0;
  const fetcher = async () => {
    fetches += 1;
    const body = JSON.stringify({
      client_id: URL_ID,
      client_name: "App",
      redirect_uris: ["http://127.0.0.1/callback", "https://app.example.com/cb"],
    });
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (cacheControl) headers["cache-control"] = cacheControl;
    return new Response(body, { headers });
  };
  return { fetcher, fetches: () => fetches };
}

function deps(fetcher: MetadataDocumentDeps["fetcher"], cache: DocumentCache, now: number) {
  return {
    issuer: { id: "iss_1", accountId: "acc_1" },
    settings: { enabled: true },
    policy: "production" as const,
    fetcher,
    cache,
    now,
  };
}

describe("client metadata documents", () => {
  it("keeps a document for its max-age, clamped to [60 s, 24 h], 5 min by default", () => {
    const of = (value?: string) =>
      cacheSeconds(new Headers(value ? { "cache-control": value } : {}));
    expect(of()).toBe(300);
    expect(of("public, max-age=3600")).toBe(3600);
    expect(of("max-age=5")).toBe(60);
    expect(of("max-age=999999")).toBe(86_400);
    expect(of("no-store")).toBe(60);
  });

  it("fetches again only once the max-age has passed", async () => {
    const server = documentServer("max-age=120");
    const cache = new DocumentCache();
    await resolveMetadataClient(deps(server.fetcher, cache, 0), URL_ID);
    await resolveMetadataClient(deps(server.fetcher, cache, 119_000), URL_ID);
    expect(server.fetches()).toBe(1);
    await resolveMetadataClient(deps(server.fetcher, cache, 121_000), URL_ID);
    expect(server.fetches()).toBe(2);
  });

  it("builds a public, third-party client: native for a loopback redirect URI", async () => {
    const server = documentServer();
    const resolved = await resolveMetadataClient(
      deps(server.fetcher, new DocumentCache(), 0),
      URL_ID,
    );
    expect(resolved.ok && resolved.client).toMatchObject({
      id: URL_ID,
      issuerId: "iss_1",
      type: "native",
      name: "App (app.example.com)",
      secretHash: null,
      settings: { first_party: false, grant_types: ["authorization_code"] },
    });
  });

  it("allows plain http on loopback only under the development policy", () => {
    const local = "http://127.0.0.1:8790/client.json";
    expect(clientIdUrlProblem(local, "production")).toBe("must use https");
    expect(clientIdUrlProblem(local, "development")).toBeNull();
    expect(clientIdUrlProblem("http://app.example.com/c.json", "development")).toBe(
      "must use https",
    );
    expect(clientIdUrlProblem(`https://app.example.com/${"a".repeat(600)}`, "production")).toMatch(
      /at most 512/,
    );
  });
});
