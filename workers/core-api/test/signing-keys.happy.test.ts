import { PUBLISH_LEAD_MS } from "@authpi/domain/signing-keys";
import { apiCall, dataOf } from "@authpi/testkit/worker-fetch";
import { describe, expect, it } from "vitest";
import { decodeParts, setup, type Token } from "./support/personal-tokens.ts";

type Rotation = {
  object: string;
  issuer_id: string;
  rotated_at: number;
  activates_at: number;
  keys: { kid: string; alg: string; activates_at: number }[];
};

describe("POST …/issuers/{issuer_id}/keys/rotate", () => {
  it("makes a new key per algorithm that signs only after the publish lead", async () => {
    const { s, issuerPath, create, introspect } = await setup();
    const before = await dataOf<Token>(await create({ name: "before" }));
    const response = await apiCall("POST", `${issuerPath}/keys/rotate`, s.basicAuth);
    expect(response.status).toBe(201);
    const rotation = await dataOf<Rotation>(response);
    expect(rotation).toMatchObject({ object: "key_rotation", issuer_id: s.issuer.id });
    expect(rotation.keys.map((k) => k.alg).sort()).toEqual(["ES256", "EdDSA", "RS256"]);
    expect(rotation.activates_at - rotation.rotated_at).toBe(PUBLISH_LEAD_MS);
    const after = await dataOf<Token>(await create({ name: "after" }));
    const kids = rotation.keys.map((k) => k.kid);
    // Still pending: the token minted right after the rotation is signed by the old key.
    expect(kids).not.toContain(decodeParts((after.token_plain as string).slice(4)).header.kid);
    expect(await introspect(before.token_plain as string)).toMatchObject({ active: true });
  });

  it("records signing-key.rotated for the issuer", async () => {
    const { s, issuerPath } = await setup();
    await apiCall("POST", `${issuerPath}/keys/rotate`, s.basicAuth, {});
    const list = await apiCall(
      "GET",
      `/v1/accounts/${s.accountId}/events?event_types=signing-key.rotated`,
      s.basicAuth,
    );
    const events = (await list.json()) as { data: { type: string; issuer_id: string }[] };
    expect(events.data).toEqual([
      expect.objectContaining({ type: "signing-key.rotated", issuer_id: s.issuer.id }),
    ]);
  });
});
