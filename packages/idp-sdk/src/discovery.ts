import { ConfigurationError, IdpError } from "./errors.ts";

/** The provider metadata the SDK uses (OIDC Discovery 1.0 §3). */
export interface ProviderMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  userinfo_endpoint?: string;
  jwks_uri: string;
  introspection_endpoint?: string;
  revocation_endpoint?: string;
  end_session_endpoint?: string;
  authorization_response_iss_parameter_supported?: boolean;
}

/** Fetches discovery once; a failed fetch is not cached, so the next call retries. */
export function discoveryLoader(issuerUrl: string, fetcher: typeof fetch) {
  let pending: Promise<ProviderMetadata> | undefined;
  return (): Promise<ProviderMetadata> => {
    pending ??= load(issuerUrl, fetcher).catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}

async function load(issuerUrl: string, fetcher: typeof fetch): Promise<ProviderMetadata> {
  const response = await fetcher(`${issuerUrl}/.well-known/openid-configuration`, {
    headers: { accept: "application/json" },
  });
  if (!response.ok)
    throw new IdpError(
      "discovery_failed",
      `discovery answered ${response.status}`,
      response.status,
    );
  const metadata = (await response.json()) as ProviderMetadata;
  // OIDC Discovery §4.3: the issuer in the document must be the one we asked.
  if (metadata.issuer !== issuerUrl) {
    throw new ConfigurationError(
      `discovery names issuer ${metadata.issuer}, expected ${issuerUrl}`,
    );
  }
  return metadata;
}
