import type { IssuerRow } from "../issuers/issuer-wire.ts";
import { contrastRatio, HEX_COLOR, MIN_CONTRAST } from "../values/brand-color.ts";

/** The colour of buttons and links when an issuer sets none (contrast 6.3:1 on white). */
export const DEFAULT_PRIMARY_COLOR = "#2b59c3";

/** How an issuer presents itself on hosted pages and in emails. */
export interface Brand {
  /** `settings.branding.display_name`, else the issuer's `name`; null when neither is set. */
  displayName: string | null;
  /** `settings.branding.logo_url`, as given. */
  logoUrl: string | null;
  /** `settings.branding.primary_color`, a hex colour readable under white text. */
  primaryColor: string;
  /** The issuer's public `links` a footer shows, each a URL or null. */
  links: { privacyPolicy: string | null; termsOfService: string | null; support: string | null };
}

function text(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value : null;
}

function usableColor(value: unknown): string | null {
  if (typeof value !== "string" || !HEX_COLOR.test(value)) return null;
  return contrastRatio(value, "#ffffff") >= MIN_CONTRAST ? value : null;
}

/**
 * The brand of an issuer, read leniently from what is stored: a value that is missing or no
 * longer valid falls back to the default (docs/decisions/branding.md).
 */
export function brandOf(issuer: Pick<IssuerRow, "name" | "links" | "settings">): Brand {
  const branding = (issuer.settings.branding ?? {}) as Record<string, unknown>;
  const links = (issuer.links ?? {}) as Record<string, unknown>;
  return {
    displayName: text(branding.display_name) ?? text(issuer.name),
    logoUrl: text(branding.logo_url),
    primaryColor: usableColor(branding.primary_color) ?? DEFAULT_PRIMARY_COLOR,
    links: {
      privacyPolicy: text(links.privacy_policy),
      termsOfService: text(links.terms_of_service),
      support: text(links.support),
    },
  };
}
