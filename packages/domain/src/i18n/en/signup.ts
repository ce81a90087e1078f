/** Texts of the hosted signup page (docs/signup.md). */
export const signup = {
  title: ({ issuer }: { issuer: string }) => `Create an account · ${issuer}`,
  heading: ({ issuer }: { issuer: string }) => `Create your ${issuer} account`,
  emailLabel: "Email",
  passwordLabel: "Password",
  passwordHelp: ({ min }: { min: string }) =>
    `At least ${min} characters. A few unrelated words make a strong password; avoid common ones and passwords you use elsewhere.`,
  nameLabel: "Name (optional)",
  createAction: "Create account",
  haveAccount: "Already have an account?",
  signInLink: "Sign in",
  invalidEmail: "Enter a valid email address.",
  passwordTooShort: ({ min }: { min: string }) => `Use at least ${min} characters.`,
  passwordTooLong: ({ max }: { max: string }) => `Use at most ${max} characters.`,
  passwordWeak: "This password is too easy to guess.",
  nameTooLong: "The name is too long.",
  closedTitle: "Signup is not available",
  closed: "This application does not take new accounts here. Contact its administrator.",
  domainRefusedTitle: "Email domain not allowed",
  domainRefused:
    "Accounts with this email domain cannot be created here. Use your work address, or contact the administrator.",
};
