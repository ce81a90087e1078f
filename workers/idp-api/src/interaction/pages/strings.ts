/**
 * Every text of the hosted sign-in pages, in one catalogue so a translation replaces one
 * module. Functions take the values a sentence needs.
 */
export const STRINGS = {
  signInTitle: (issuer: string) => `Sign in · ${issuer}`,
  signInHeading: (issuer: string) => `Sign in to ${issuer}`,
  fallbackIssuerName: "your account",
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
  throttled: (wait: string) => `Too many failed sign-ins from your network. Try again in ${wait}.`,
  aMinute: "a minute",
  minutes: (n: number) => `${n} minutes`,

  passkeySignInAction: "Continue with a passkey",
  passkeyFailed: "The passkey could not be used. Try again, or sign in another way.",
  passkeyRefused: "That passkey was not accepted. Try again, or sign in another way.",
  passkeyRegisterHeading: "Or add a passkey",
  passkeyRegisterIntro:
    "A passkey signs you in with your device's screen lock or a security key, without codes.",
  passkeyRegisterAction: "Add a passkey",
  passkeyRegisterRefused: "The passkey could not be added. Try again, or use an authenticator app.",

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

  expiredTitle: "Sign-in expired",
  expired: "This sign-in page has expired. Go back to the application and sign in again.",
  requestRefusedTitle: "Request refused",
  signInRefused:
    "The sign-in form could not be verified. Go back to the application and try again.",
  formRefused: "The form could not be verified. Open the invitation link again.",
  authorizeRefusedTitle: "Sign-in request refused",

  joinTitle: (org: string) => `Join ${org}`,
  invitedBy: (inviter: string) => `${inviter} invited you`,
  invited: "You are invited",
  joinIntro: (who: string, org: string) => `${who} to join ${org}`,
  asTitle: (title: string) => ` as ${title}`,
  emailLabel: "Email",
  choosePassword: "Choose a password (8 characters or more)",
  passwordTooShort: "Choose a password of at least 8 characters.",
  signInAndJoin: "Sign in and join",
  createAndJoin: "Create account and join",
  invitationInvalidTitle: "Invitation not valid",
  joinedTitle: (org: string) => `Joined ${org}`,
  joinedHeading: (org: string) => `You joined ${org}`,
  joinedNext: "You can close this window and sign in to the application.",

  signOutRefusedTitle: "Sign-out refused",
  signedOutTitle: "Signed out",
  signedOutHeading: "You are signed out",
  closeWindow: "You can close this window.",
} as const;
