import * as oauth from "oauth4webapi";
import { GITHUB } from "./presets.ts";
import {
  type UpstreamAdapter,
  type UpstreamConnection,
  UpstreamError,
  type UpstreamProfile,
} from "./upstream-contract.ts";
import { checkCallback, clientAuth, failureOf, httpOptions } from "./upstream-http.ts";

/** GitHub as oauth4webapi sees it: an OAuth 2.0 server without discovery or ID tokens. */
function serverOf(connection: UpstreamConnection): oauth.AuthorizationServer {
  return {
    issuer: new URL(connection.authorizationEndpoint ?? GITHUB.authorizationEndpoint).origin,
    authorization_endpoint: connection.authorizationEndpoint ?? GITHUB.authorizationEndpoint,
    token_endpoint: connection.tokenEndpoint ?? GITHUB.tokenEndpoint,
  };
}

interface GitHubUser {
  id: number;
  login: string;
  name: string | null;
  avatar_url: string | null;
}

interface GitHubEmail {
  email: string;
  primary: boolean;
  verified: boolean;
}

async function getJson<T>(api: string, path: string, token: string): Promise<T> {
  const response = await oauth.protectedResourceRequest(
    token,
    "GET",
    new URL(path, api),
    new Headers({ accept: "application/vnd.github+json", "user-agent": "authpi-edge" }),
    null,
    httpOptions(api),
  );
  if (!response.ok)
    throw new UpstreamError("exchange_failed", `GitHub ${path}: ${response.status}`);
  return (await response.json()) as T;
}

/** Only a verified address counts (issue 17): the primary one if verified, else any verified one. */
export function verifiedEmail(emails: GitHubEmail[]): string | null {
  const verified = emails.filter((e) => e.verified);
  const chosen = verified.find((e) => e.primary) ?? verified[0];
  return chosen ? chosen.email.toLowerCase() : null;
}

/**
 * GitHub's OAuth 2.0 web flow (RFC 6749 §4.1 with PKCE, RFC 7636): the code is exchanged for an
 * access token, then `GET /user` and `GET /user/emails` give the profile; GitHub's numeric id is
 * the subject. There is no ID token, so no `nonce`, `amr` or `acr`.
 */
export const githubAdapter: UpstreamAdapter = {
  async authorizationUrl(connection, attempt) {
    const url = new URL(serverOf(connection).authorization_endpoint as string);
    httpOptions(url.href);
    url.search = new URLSearchParams({
      client_id: connection.clientId,
      redirect_uri: attempt.redirectUri,
      scope: connection.scopes.join(" "),
      state: attempt.state,
      code_challenge: await oauth.calculatePKCECodeChallenge(attempt.codeVerifier),
      code_challenge_method: "S256",
      allow_signup: "true",
    }).toString();
    return url;
  },

  async finish(connection, attempt, callbackUrl): Promise<UpstreamProfile> {
    const as = serverOf(connection);
    const client: oauth.Client = { client_id: connection.clientId };
    const params = checkCallback(as, client, callbackUrl, attempt.state);
    const api = connection.userinfoEndpoint ?? GITHUB.apiOrigin;
    try {
      const response = await oauth.authorizationCodeGrantRequest(
        as,
        client,
        clientAuth(connection.clientSecret),
        params,
        attempt.redirectUri,
        attempt.codeVerifier,
        {
          ...httpOptions(as.token_endpoint as string),
          headers: new Headers({ accept: "application/json" }),
        },
      );
      const tokens = await oauth.processAuthorizationCodeResponse(as, client, response);
      const [user, emails] = await Promise.all([
        getJson<GitHubUser>(api, "/user", tokens.access_token),
        getJson<GitHubEmail[]>(api, "/user/emails", tokens.access_token),
      ]);
      const email = verifiedEmail(emails);
      return {
        subject: String(user.id),
        issuer: new URL(api).origin,
        email,
        emailVerified: email !== null,
        name: user.name ?? user.login,
        givenName: null,
        familyName: null,
        picture: user.avatar_url,
        amr: [],
        acr: null,
      };
    } catch (error) {
      throw failureOf(error);
    }
  },
};
