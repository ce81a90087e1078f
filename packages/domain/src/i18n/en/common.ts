/** Texts every hosted page shares: the frame, the footer and the dead-end pages. */
export const common = {
  fallbackIssuerName: "your account",
  logoAlt: ({ issuer }: { issuer: string }) => issuer,
  privacyPolicy: "Privacy policy",
  termsOfService: "Terms of service",
  support: "Support",
  footerLabel: "Legal and support links",
  backToApplication: "Back to the application",
  backToNamedApplication: ({ client }: { client: string }) => `Back to ${client}`,
  aMinute: "a minute",
  minutes: ({ n }: { n: number }) => `${n} minutes`,

  expiredTitle: "Sign-in expired",
  expired: "This sign-in page has expired. Go back to the application and sign in again.",
  requestRefusedTitle: "Request refused",
  authorizeRefusedTitle: "Sign-in request refused",
  signOutRefusedTitle: "Sign-out refused",
  signedOutTitle: "Signed out",
  signedOutHeading: "You are signed out",
  closeWindow: "You can close this window.",
};
