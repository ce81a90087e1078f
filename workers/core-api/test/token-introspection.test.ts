import { apiCall, dataOf } from "@authpi/testkit/worker-fetch";
import { describe, expect, it } from "vitest";
import { setup } from "./support/personal-tokens.ts";

type Key = { id: string; org_id: string; secret_plain: string };

describe("issuer token introspection (Core API)", () => {
  it("knows an API key of the issuer's organizations by id and secret, and its status", async () => {
    const { s, issuerPath, introspect } = await setup();
    const org = await dataOf<{ id: string }>(
      await apiCall("POST", `${issuerPath}/organizations`, s.basicAuth, { name: "Acme" }),
    );
    const keys = `${issuerPath}/organizations/${org.id}/api-keys`;
    const key = await dataOf<Key>(
      await apiCall("POST", keys, s.basicAuth, {
        name: "acme-backend",
        restrictions: { scopes: ["issuers.organizations.members:read"] },
      }),
    );
    expect(await introspect(`${key.id}:${key.secret_plain}`)).toMatchObject({
      active: true,
      token_type: "api_key",
      id: key.id,
      org_id: org.id,
      scopes: ["issuers.organizations.members:read"],
    });
    expect(await introspect(`${key.id}:${key.secret_plain}x`)).toEqual({
      active: false,
      reason: "not_found",
    });
    // The account's own key is not one of this issuer's.
    expect(await introspect(`${s.keyId}:${s.secret}`)).toEqual({
      active: false,
      reason: "not_found",
    });
    await apiCall("POST", `${keys}/${key.id}/block`, s.basicAuth);
    expect(await introspect(`${key.id}:${key.secret_plain}`)).toEqual({
      active: false,
      reason: "blocked",
    });
  });

  it("answers inactive, never an error, for anything that is not a token of ours", async () => {
    const { introspect } = await setup();
    for (const token of ["x", "ptk_x", "key_abc:def", "eyJhbGciOiJub25lIn0.e30."]) {
      expect(await introspect(token), token).toEqual({ active: false, reason: "invalid" });
    }
  });
});
