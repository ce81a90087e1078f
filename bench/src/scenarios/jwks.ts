import { expectOk } from "../oauth/unavailable.ts";
import { repeated, type Scenario } from "./scenario.ts";

export const jwks: Scenario = {
  id: "jwks",
  title: "JWKS (GET /jwks.json)",
  unit: "request",
  bound:
    "the key ring's JWKS, serialised once per ring and cached per isolate for 60 s; no D1 read when warm, no signing",
  async prepare({ metadata, profile }) {
    await expectOk("jwks", await fetch(metadata.jwks_uri));
    return repeated(profile, { url: metadata.jwks_uri, method: "GET", headers: {} });
  },
};
