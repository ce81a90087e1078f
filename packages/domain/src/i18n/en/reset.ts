/** Texts of the password-reset pages: ask for a link, choose the new password. */
export const reset = {
  forgotTitle: "Reset your password",
  forgotIntro:
    "Enter the email address of your account. We will send it a link to choose a new password.",
  emailLabel: "Email",
  sendLinkAction: "Send reset link",
  emailRequired: "Enter your email address.",
  sentTitle: "Check your email",
  sent: ({ email }: { email: string }) =>
    `If an account uses ${email}, we sent it a link to reset its password. The link works once, for 30 minutes.`,
  throttled: ({ wait }: { wait: string }) => `Too many reset requests. Try again in ${wait}.`,
  backToSignIn: "Back to sign-in",
  newPasswordTitle: "Choose a new password",
  newPasswordLabel: "New password (8 characters or more)",
  setPasswordAction: "Set new password",
  passwordTooShort: "Choose a password of at least 8 characters.",
  passwordTooLong: "Choose a password of at most 128 characters.",
  passwordWeak: "This password is too easy to guess. Choose a longer or less common one.",
  linkInvalidTitle: "Link not valid",
  linkInvalid: "This reset link has expired or was already used. Ask for a new one.",
  formRefused: "The form could not be verified. Open the reset link again.",
  doneTitle: "Password changed",
  done: "Your password was changed and you were signed out everywhere. Sign in with your new password.",
  disabledTitle: "Password reset not available",
  disabled: "Password reset is not available here. Contact the administrator of the application.",
};
