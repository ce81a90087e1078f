import { brandOf } from "../branding/brand-of.ts";
import type { IssuerRow } from "../issuers/issuer-wire.ts";

/** The issuer links an email's footer shows, by their wire names. */
export type LinkKind = "privacy_policy" | "terms_of_service" | "support";

/** What an email shows of its issuer: name, logo, colour and public links. */
export interface MailBrand {
  name: string;
  logoUrl: string | null;
  /** A hex colour for the button and links, readable under white text. */
  primaryColor: string;
  links: { kind: LinkKind; url: string }[];
}

const isWebUrl = (url: string | null): url is string => !!url && /^https?:\/\//i.test(url);

/**
 * The issuer's brand (`brandOf`: display name, logo, colour, links) as an email shows it; the
 * issuer's id names it when it has no name, and only http(s) URLs are linked.
 */
export function mailBrandOf(issuer: Pick<IssuerRow, "id" | "name" | "links" | "settings">) {
  const brand = brandOf(issuer);
  const links: [LinkKind, string | null][] = [
    ["privacy_policy", brand.links.privacyPolicy],
    ["terms_of_service", brand.links.termsOfService],
    ["support", brand.links.support],
  ];
  return {
    name: brand.displayName ?? issuer.id,
    logoUrl: isWebUrl(brand.logoUrl) ? brand.logoUrl : null,
    primaryColor: brand.primaryColor,
    links: links.flatMap(([kind, url]) => (isWebUrl(url) ? [{ kind, url }] : [])),
  } satisfies MailBrand;
}
