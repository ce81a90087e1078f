import { brandOf } from "@authpi/domain/branding";
import type { IssuerRow } from "@authpi/domain/issuers";
import type { Context } from "hono";
import { languageOf } from "../middleware/page-locale.ts";
import { allowImageSource } from "../middleware/page-security.ts";
import type { PageFrame } from "./pages/layout.ts";

const NO_ISSUER = { name: null, links: null, settings: {} } as unknown as IssuerRow;

/**
 * The frame of a hosted page from the request: its language and texts, the CSP nonce, and the
 * issuer's brand (its logo's origin allowed by the CSP). `extra` names the client, and a way
 * back to it when its redirect URI is known and valid.
 */
export function pageFrame(
  c: Context,
  extra: Pick<PageFrame, "clientName" | "back" | "backFields"> = {},
): PageFrame {
  const vars = c.var as { issuer?: IssuerRow; cspNonce?: string };
  const brand = brandOf(vars.issuer ?? NO_ISSUER);
  allowImageSource(c, brand.logoUrl);
  return { ...languageOf(c), nonce: vars.cspNonce ?? "", brand, ...extra };
}
