import type { PortalSettings } from "../values/signup-settings.ts";

export type PortalAccess =
  | { kind: "hosted" }
  | { kind: "off" }
  | { kind: "elsewhere"; url: string };

/**
 * How `{issuer_url}/account` answers, from `settings.portals`: the issuer's own page when it
 * names one, nothing (404) when the profile page is off, otherwise AuthPI's portal.
 */
export function portalAccess(portals: Pick<PortalSettings, "enable_profile" | "profile_page_url">) {
  if (!portals.enable_profile) return { kind: "off" } as PortalAccess;
  if (portals.profile_page_url)
    return { kind: "elsewhere", url: portals.profile_page_url } as PortalAccess;
  return { kind: "hosted" } as PortalAccess;
}
