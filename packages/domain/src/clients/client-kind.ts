import { DomainError } from "../errors.ts";
import { type ClientSettings, type ClientType, isConfidential } from "./client-settings.ts";

const LABELS: Record<ClientType, string> = {
  web: "Web app",
  spa: "Single-page app",
  native: "Native app",
  m2m: "Machine-to-machine client",
};

const unique = (...lists: (string[] | undefined)[]) => [...new Set(lists.flatMap((l) => l ?? []))];

/** Flat settings with `settings.openid` folded in (redirect URIs are the union of both). */
export function flattenOpenId(settings: ClientSettings): ClientSettings {
  const { openid, ...flat } = settings;
  if (!openid) return flat;
  const { redirect_uris, post_logout_redirect_uris, grant_types } = openid;
  return {
    ...flat,
    redirect_uris: unique(flat.redirect_uris, redirect_uris),
    post_logout_redirect_uris: unique(flat.post_logout_redirect_uris, post_logout_redirect_uris),
    ...((flat.grant_types ?? grant_types) ? { grant_types: flat.grant_types ?? grant_types } : {}),
  };
}

function refuse(field: string, message: string): never {
  throw new DomainError("VALIDATION_FAILED", `${field}: ${message}`, {
    fields: [{ field, code: "conflict", message }],
  });
}

/**
 * The client type from AuthPI's ways of saying it: `type`, or `confidential` and
 * `settings.openid.application_type` (native → native, public web → spa, client_credentials
 * only → m2m, else web). Contradictions are a 422 naming the field.
 */
export function resolveClientType(input: {
  type?: ClientType | undefined;
  confidential?: boolean | undefined;
  settings: ClientSettings;
}): ClientType {
  const openid = input.settings.openid;
  const appType = openid?.application_type;
  const grants = input.settings.grant_types ?? openid?.grant_types;
  const type: ClientType =
    input.type ??
    (appType === "native"
      ? "native"
      : input.confidential === false
        ? "spa"
        : grants?.length === 1 && grants[0] === "client_credentials"
          ? "m2m"
          : "web");
  if (input.confidential !== undefined && input.confidential !== isConfidential(type)) {
    refuse("confidential", `a ${type} client is ${isConfidential(type) ? "" : "not "}confidential`);
  }
  if (appType && (appType === "native") !== (type === "native")) {
    refuse("settings.openid.application_type", `${appType} does not fit a ${type} client`);
  }
  return type;
}

/** A name for a client registered without one (the AuthPI README's native example has none). */
export function defaultClientName(type: ClientType): string {
  return LABELS[type];
}
