import type { UpstreamConnection, UpstreamProtocol } from "./upstream-contract.ts";

/** What a preset fills in; the method's own settings override any of it. */
export interface UpstreamPreset {
  protocol: UpstreamProtocol;
  displayName: string;
  issuer: string | null;
  authorizationEndpoint: string | null;
  tokenEndpoint: string | null;
  userinfoEndpoint: string | null;
  scopes: string[];
  responseMode: UpstreamConnection["responseMode"];
}

const OIDC_SCOPES = ["openid", "email", "profile"];

function oidc(displayName: string, issuer: string | null, scopes = OIDC_SCOPES): UpstreamPreset {
  return {
    protocol: "oidc",
    displayName,
    issuer,
    authorizationEndpoint: null,
    tokenEndpoint: null,
    userinfoEndpoint: null,
    scopes,
    responseMode: "query",
  };
}

/** GitHub's OAuth 2.0 endpoints and its REST API origin (GitHub has no OIDC for users). */
export const GITHUB = {
  authorizationEndpoint: "https://github.com/login/oauth/authorize",
  tokenEndpoint: "https://github.com/login/oauth/access_token",
  apiOrigin: "https://api.github.com",
};

/**
 * The preset of a provider name (docs/upstream/*.md), or a generic OIDC upstream. Microsoft's
 * issuer names the tenant; Apple posts its callback (`response_mode=form_post`) when name or
 * email are asked for.
 */
export function presetFor(provider: string, tenant: string | null): UpstreamPreset {
  switch (provider) {
    case "google":
      return oidc("Google", "https://accounts.google.com");
    case "microsoft":
      return oidc("Microsoft", `https://login.microsoftonline.com/${tenant ?? "common"}/v2.0`);
    case "apple":
      return {
        ...oidc("Apple", "https://appleid.apple.com", ["openid", "email", "name"]),
        responseMode: "form_post",
      };
    case "gitlab":
      return oidc("GitLab", "https://gitlab.com", ["openid", "email", "profile"]);
    case "github":
      return {
        protocol: "github",
        displayName: "GitHub",
        issuer: null,
        authorizationEndpoint: GITHUB.authorizationEndpoint,
        tokenEndpoint: GITHUB.tokenEndpoint,
        userinfoEndpoint: GITHUB.apiOrigin,
        scopes: ["read:user", "user:email"],
        responseMode: "query",
      };
    default:
      return oidc(provider, null);
  }
}
