import { workerFetch } from "@authpi/testkit/worker-fetch";
import * as client from "openid-client";

/** Routes openid-client's requests to the worker under test. */
export const customFetch: client.CustomFetch = (url, options) => {
  const target = new URL(url);
  return workerFetch(`${target.pathname}${target.search}`, {
    method: options.method,
    headers: options.headers,
    body: options.body as BodyInit | null | undefined,
    redirect: "manual",
  });
};

/**
 * openid-client configured by discovery against the worker. The only option changed is
 * `allowInsecureRequests`, because the local issuer URL is http://localhost; every protocol
 * check (iss, state, nonce, PKCE, ID token, at+jwt) stays on.
 */
export async function discover(
  issuerUrl: string,
  clientId: string,
  secret?: string | null,
): Promise<client.Configuration> {
  const config = await client.discovery(
    new URL(issuerUrl),
    clientId,
    secret ? { client_secret: secret } : undefined,
    secret ? client.ClientSecretBasic(secret) : client.None(),
    { execute: [client.allowInsecureRequests], [client.customFetch]: customFetch },
  );
  config[client.customFetch] = customFetch;
  return config;
}
