/** Texts of the hosted sign-in pages: first factor, second factor, enrollment, invitations. */
export const signIn = {
  title: ({ issuer }: { issuer: string }) => `Sign in · ${issuer}`,
  heading: ({ issuer }: { issuer: string }) => `Sign in to ${issuer}`,
  continueTo: ({ client }: { client: string }) => `to continue to ${client}`,
  usernameLabel: "Email or username",
  passwordLabel: "Password",
  signInAction: "Sign in",
  forgotPassword: "Forgot password?",
  createAccount: "Create an account",
  comingSoon: "Coming soon",
  noMethods: "No sign-in method is enabled for this application. Contact its administrator.",
  invalidCredentials: "Incorrect username or password.",
  invalidPassword: "Incorrect password.",
  locked: "Too many failed attempts. Try again in 15 minutes.",
  throttled: ({ wait }: { wait: string }) =>
    `Too many failed sign-ins from your network. Try again in ${wait}.`,
  signInRefused:
    "The sign-in form could not be verified. Go back to the application and try again.",

  passkeySignInAction: "Continue with a passkey",
  passkeyFailed: "The passkey could not be used. Try again, or sign in another way.",
  passkeyRefused: "That passkey was not accepted. Try again, or sign in another way.",
  passkeyRegisterHeading: "Or add a passkey",
  passkeyRegisterIntro:
    "A passkey signs you in with your device's screen lock or a security key, without codes.",
  passkeyRegisterAction: "Add a passkey",
  passkeyRegisterRefused: "The passkey could not be added. Try again, or use an authenticator app.",

  enrollPasskeyIntro:
    "Your organization or this application requires a second step: add a passkey.",
  passkeyNeedsScript: "Adding a passkey needs JavaScript. Turn it on and reload this page.",
  offerTitle: "Add a passkey for faster sign-in",
  notNowAction: "Not now",
  notNowPasskeyLabel: "Not now, continue without a passkey",

  secondFactorTitle: "Two-step verification",
  secondFactorIntro: "Enter the 6-digit code from your authenticator app.",
  codeLabel: "Authentication code",
  verifyAction: "Verify",
  backupCodeIntro: "Lost your device? Use one of your backup codes instead.",
  backupCodeLabel: "Backup code",
  backupCodeAction: "Sign in with a backup code",
  invalidCode: "That code is not valid. Try again.",
  invalidBackupCode: "That backup code is not valid or was already used.",

  enrollTitle: "Set up two-step verification",
  enrollIntro:
    "Your organization or this application requires a second step. Scan the QR code with an authenticator app, then enter the code it shows.",
  qrAlt: "QR code for your authenticator app",
  secretLabel: "Or enter this key in the app by hand:",
  enrollAction: "Confirm and continue",
  backupCodesTitle: "Save your backup codes",
  backupCodesIntro:
    "Each code signs you in once if you lose your device. They are shown only now: store them somewhere safe.",
  backupCodesListLabel: "Your backup codes",
  continueAction: "I saved my backup codes, continue",
  cannotComplyTitle: "Two-step verification required",
  cannotComply:
    "This sign-in requires two-step verification, but no second factor can be set up here. Contact the administrator.",

  joinTitle: ({ org }: { org: string }) => `Join ${org}`,
  invitedBy: ({ inviter, org }: { inviter: string; org: string }) =>
    `${inviter} invited you to join ${org}.`,
  invitedByAs: ({ inviter, org, title }: { inviter: string; org: string; title: string }) =>
    `${inviter} invited you to join ${org} as ${title}.`,
  invited: ({ org }: { org: string }) => `You are invited to join ${org}.`,
  invitedAs: ({ org, title }: { org: string; title: string }) =>
    `You are invited to join ${org} as ${title}.`,
  emailLabel: "Email",
  choosePassword: "Choose a password (8 characters or more)",
  passwordTooShort: "Choose a password of at least 8 characters.",
  signInAndJoin: "Sign in and join",
  createAndJoin: "Create account and join",
  invitationInvalidTitle: "Invitation not valid",
  invitationFormRefused: "The form could not be verified. Open the invitation link again.",
  joinedTitle: ({ org }: { org: string }) => `Joined ${org}`,
  joinedHeading: ({ org }: { org: string }) => `You joined ${org}`,
  joinedNext: "You can close this window and sign in to the application.",
};
