/** Texts of upstream sign-in (social and OIDC): the login page's buttons, failures, linking. */
export const upstream = {
  continueWith: ({ provider }: { provider: string }) => `Continue with ${provider}`,
  otherWays: "Or sign in with",
  failedTitle: "Sign-in did not complete",
  failed: ({ provider }: { provider: string }) =>
    `${provider} did not confirm who you are. Go back to the application and try again.`,
  expired:
    "This sign-in took too long or was already used. Go back to the application and sign in again.",
  signupOff: "There is no account for this sign-in, and new accounts cannot be created here.",
  emailUnverified: ({ provider }: { provider: string }) =>
    `An account already uses this email address, but ${provider} has not verified it. Sign in to that account another way.`,
  userInactive: "This account cannot sign in.",
  proveNotice: ({ provider }: { provider: string }) =>
    `An account already uses your ${provider} email address. Sign in to it once to link ${provider}.`,
  linkedHeading: "Linked accounts",
  linkedNone: "No accounts are linked.",
  linkedSince: ({ date }: { date: string }) => `Linked on ${date}`,
  unlinkAction: ({ provider }: { provider: string }) => `Remove ${provider}`,
  unlinked: "The linked account was removed.",
  lastWay: "This is the last way to sign in to your account: add a password or a passkey first.",
};
