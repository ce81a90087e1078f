/** Texts of email sign-in: the login page's button, the code page, the link's pages. */
export const emailSignIn = {
  sendCodeAction: "Email me a sign-in code",
  usernameRequired: "Enter your email address to get a sign-in code.",
  codeTitle: "Check your email",
  codeIntro: ({ email }: { email: string }) =>
    `If an account uses ${email}, we sent it a 6-digit code and a sign-in link. They work once, for 10 minutes.`,
  codeLabel: "Sign-in code",
  verifyAction: "Sign in",
  invalidCode: "That code is not valid or has expired.",
  locked: "Too many wrong codes. Try again in 15 minutes.",
  throttled: ({ wait }: { wait: string }) => `Too many codes requested. Try again in ${wait}.`,
  linkInvalidTitle: "Link not valid",
  linkInvalid:
    "This sign-in link has expired or was already used. Go back to the application and sign in again.",
  elsewhereTitle: "Continue in the first browser",
  elsewhere:
    "This link signs in only in the browser where the code was requested. Type this code there:",
  codeShownLabel: "Your sign-in code",
};
