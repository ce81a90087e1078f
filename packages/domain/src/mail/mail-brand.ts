import type { IssuerRow } from "../issuers/issuer-wire.ts";

/** What an email shows of its issuer: name, logo, colour and public links. */
export interface MailBrand {
  name: string;
  logoUrl: string | null;
  /** A hex colour for the button and links. */
  primaryColor: string;
  links: { kind: LinkKind; url: string }[];
}

const LINK_KINDS = [
  "privacy_policy",
  "terms_of_service",
  "support",
  "website",
  "documentation",
] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/** AuthPI's own colour when the issuer sets none (4.5:1 on white, WCAG 2.2 §1.4.3). */
export const DEFAULT_PRIMARY_COLOR = "#1d4ed8";
const HEX = /^#[0-9a-f]{6}$/i;

/** The issuer's branding as an email shows it (`settings.branding`, `name`, `links`). */
export function mailBrandOf(issuer: Pick<IssuerRow, "id" | "name" | "links" | "settings">) {
  const branding = issuer.settings.branding ?? {};
  const logo = typeof branding.logo_url === "string" ? branding.logo_url : null;
  const color = typeof branding.primary_color === "string" ? branding.primary_color : "";
  const links = issuer.links ?? {};
  return {
    name: issuer.name || issuer.id,
    logoUrl: logo && /^https?:\/\//.test(logo) ? logo : null,
    primaryColor: HEX.test(color) ? color : DEFAULT_PRIMARY_COLOR,
    links: LINK_KINDS.flatMap((kind) => {
      const url = links[kind];
      return typeof url === "string" && /^https?:\/\//.test(url) ? [{ kind, url }] : [];
    }),
  } satisfies MailBrand;
}
