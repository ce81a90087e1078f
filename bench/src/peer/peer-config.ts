/** What the bench hands the oidc-provider process (in the PEER_CONFIG environment variable). */
export interface PeerConfig {
  port: number;
  webSecret: string;
  m2mSecret: string;
  redirectUri: string;
  user: { username: string; password: string };
}

/** The resource server whose access tokens are JWTs (RFC 8707 + RFC 9068), as ours are. */
export const PEER_RESOURCE = "https://api.example.com";

/** The client whose tokens carry no resource: oidc-provider only accepts those at /userinfo. */
export const PEER_USERINFO_CLIENT = "web-userinfo";
