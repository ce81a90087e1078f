import { expectOk } from "./unavailable.ts";

/** The parts of the OpenID Provider Metadata (OIDC Discovery 1.0 §3) the drivers use. */
export interface ProviderMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  userinfo_endpoint?: string;
  introspection_endpoint?: string;
  jwks_uri: string;
}

export function discoveryUrl(issuer: string): string {
  return `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`;
}

/** Reads the provider's metadata; every driver takes its endpoints from here, never from a guess. */
export async function fetchMetadata(issuer: string): Promise<ProviderMetadata> {
  const response = await expectOk("discovery", await fetch(discoveryUrl(issuer)));
  return (await response.json()) as ProviderMetadata;
}
