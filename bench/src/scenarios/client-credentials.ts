import { formHeaders, tokenRequest } from "../oauth/token.ts";
import { repeated, type Scenario } from "./scenario.ts";

export const CLIENT_CREDENTIALS_BODY = "grant_type=client_credentials";

export const clientCredentials: Scenario = {
  id: "client_credentials",
  title: "client_credentials (POST /token)",
  unit: "request",
  bound:
    "one ES256 signature and SHA-256 of the client secret; issuer and client come from the isolate cache (no D1 read when warm)",
  async prepare({ target, metadata, profile }) {
    await tokenRequest(metadata.token_endpoint, target.clients.m2m, {
      grant_type: "client_credentials",
    });
    return repeated(profile, {
      url: metadata.token_endpoint,
      method: "POST",
      headers: formHeaders(target.clients.m2m),
      body: CLIENT_CREDENTIALS_BODY,
    });
  },
};
