import type { ClaimsUser } from "./claims-snapshot.ts";

/** Standard claims per scope (OIDC Core §5.4), from the user's profile. */
export function userClaims(
  user: Omit<ClaimsUser, "id" | "status">,
  scope: readonly string[],
): Record<string, unknown> {
  const p = user.profile;
  const claims: Record<string, unknown> = {};
  const put = (name: string, value: unknown) => {
    if (value !== undefined && value !== null) claims[name] = value;
  };
  if (scope.includes("profile")) {
    const joined = [p.first_name, p.last_name].filter(Boolean).join(" ");
    put("name", p.name ?? (joined || null));
    put("given_name", p.first_name);
    put("family_name", p.last_name);
    put("picture", p.picture);
    put("locale", p.locale);
  }
  if (scope.includes("email")) {
    const email = p.email ?? (user.usernameType === "email" ? user.username : null);
    put("email", email);
    if (email) claims.email_verified = p.email_verified ?? false;
  }
  if (scope.includes("phone")) {
    const phone = p.phone_number ?? (user.usernameType === "phone" ? user.username : null);
    put("phone_number", phone);
    if (phone) claims.phone_number_verified = p.phone_number_verified ?? false;
  }
  if (scope.includes("address")) put("address", p.address);
  return { ...user.customClaims, ...claims };
}
