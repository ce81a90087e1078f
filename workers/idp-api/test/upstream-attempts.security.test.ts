import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";

const { ISSUER_STORE } = env as unknown as Env;
// Real times: the store's clean-up alarm runs at the earliest expiry.
const T = Date.now() + 3_600_000;

function freshStore() {
  return ISSUER_STORE.get(ISSUER_STORE.idFromName(crypto.randomUUID()));
}

describe("upstream attempts in the issuer store: single use, expiry", () => {
  it("gives an attempt once; a second take is a replay, a stranger's state is unknown", async () => {
    const store = freshStore();
    await store.saveUpstreamAttempt("hash-a", "sealed-payload", T + 10_000);
    expect(await store.consumeUpstreamAttempt("hash-a", T + 1_000)).toEqual({
      status: "ok",
      payload: "sealed-payload",
    });
    expect(await store.consumeUpstreamAttempt("hash-a", T + 1_001)).toEqual({ status: "replayed" });
    expect(await store.consumeUpstreamAttempt("hash-b", T + 1_001)).toEqual({ status: "unknown" });
  });

  it("refuses an attempt past its expiry, and keeps no payload once taken", async () => {
    const store = freshStore();
    await store.saveUpstreamAttempt("hash-late", "sealed", T + 5_000);
    expect(await store.consumeUpstreamAttempt("hash-late", T + 5_000)).toEqual({
      status: "expired",
    });
    expect(await store.consumeUpstreamAttempt("hash-late", T + 5_001)).toEqual({
      status: "replayed",
    });
    const rows = await runInDurableObject(store, (_instance, state) =>
      state.storage.sql.exec("SELECT payload FROM upstream_attempts").toArray(),
    );
    expect(rows).toEqual([{ payload: "" }]);
  });
});
