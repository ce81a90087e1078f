import type { AuthorizeRequest, SessionView } from "@authpi/domain/oauth";
import type { Context } from "hono";
import type { IssuerEnv } from "../middleware/issuer.ts";

/**
 * The one meeting point of the protocol side and the sign-in side. In: an authorization
 * request, whose `prompt`, `max_age`, `acr_values` and `org` are the requirements. Out: the
 * user signed in to meet them, with how (`amr`, RFC 8176), at which level (`acr`) and when
 * (`auth_time`, OIDC Core §2).
 */
export interface SignedIn {
  /** The op (SSO) session the sign-in opened or reused; its `userId` is the user. */
  session: SessionView;
  amr: string[];
  acr: string | null;
  /** Milliseconds. */
  authTime: number;
}

export type PageEnv = IssuerEnv & { Variables: { cspNonce: string } };

/** The protocol side's half: answers the authorization request for a signed-in user. */
export type CompleteAuthorization = (
  c: Context<PageEnv>,
  request: AuthorizeRequest,
  signedIn: SignedIn,
  status: 302 | 303,
) => Promise<Response>;
