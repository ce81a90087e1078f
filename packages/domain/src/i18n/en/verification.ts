/** Texts of the email verification page and link (docs/signup.md). */
export const verification = {
  title: "Verify your email",
  heading: "Check your email",
  sent: ({ email }: { email: string }) =>
    `If ${email} can be used here, we sent it a 6-digit code and a link. Enter the code, or open the link.`,
  codeLabel: "Verification code",
  codeHelp: "The code and the link work once, for 24 hours.",
  verifyAction: "Verify",
  resendAction: "Send a new code",
  resent: "We sent a new email. Only the newest code and link work.",
  resendLater: ({ wait }: { wait: string }) => `You can ask for a new code in ${wait}.`,
  invalidCode: "That code is not valid or has expired.",
  locked: "Too many wrong codes. Try again in 15 minutes.",
  verifiedTitle: "Email verified",
  verified:
    "Your email address is verified. You can close this window and go back to the application.",
  linkInvalidTitle: "Link not valid",
  linkInvalid:
    "This verification link is not valid: it was already used, replaced by a newer one, or has expired. Sign in again to get a new one.",
};
