/** Texts of enterprise single sign-on on the login page (home-realm discovery, SSO-only). */
export const enterpriseSso = {
  continueAction: "Continue with single sign-on",
  emailRequired: "Enter your work email address to continue with single sign-on.",
  noRealm:
    "Single sign-on is not set up for this email address. Sign in another way, or check the address.",
  required: ({ organization }: { organization: string }) =>
    `${organization} signs you in with single sign-on. Choose “Continue with single sign-on”.`,
  yourOrganization: "Your organization",
  unavailable: "Your organization's single sign-on is not available right now. Try again later.",
};
