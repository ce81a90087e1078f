// The public face of this aggregate: import it as `@authpi/domain/organizations`.
export * from "./accept-invitation.ts";
export * from "./invitation-events.ts";
export * from "./invitation-mail.ts";
export * from "./invitations.ts";
export * from "./manage-organizations.ts";
export * from "./membership-events.ts";
export * from "./memberships.ts";
export * from "./organization-input.ts";
export * from "./organization-wire.ts";
export * from "./sso/rotate-sso-secret.ts";
export * from "./sso/sso-config.ts";
export * from "./sso/sso-domains.ts";
export * from "./sso/sso-domains-of.ts";
export * from "./sso/sso-wire.ts";
