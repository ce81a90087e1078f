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
  redirectTitle: ({ organization }: { organization: string }) => `Signing in with ${organization}`,
  redirectIntro: "Your organization signs you in. Your browser is taking you to its sign-in page.",
  redirectAction: "Continue to your organization's sign-in",
  outsideDomain:
    "Your organization's sign-in answered for an email address outside its domains, or one it has not verified. Ask your administrator.",
};
