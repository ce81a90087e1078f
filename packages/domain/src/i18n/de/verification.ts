import type { verification as en } from "../en/verification.ts";

/** Texte der Bestätigung der E-Mail-Adresse. */
export const verification: typeof en = {
  title: "E-Mail-Adresse bestätigen",
  heading: "Prüfen Sie Ihr Postfach",
  sent: ({ email }) =>
    `Falls ${email} hier verwendet werden kann, haben wir einen 6-stelligen Code und einen Link dorthin gesendet. Geben Sie den Code ein oder öffnen Sie den Link.`,
  codeLabel: "Bestätigungscode",
  codeHelp: "Code und Link funktionieren einmal, 24 Stunden lang.",
  verifyAction: "Bestätigen",
  resendAction: "Neuen Code senden",
  resent: "Wir haben eine neue E-Mail gesendet. Nur der neueste Code und Link funktionieren.",
  resendLater: ({ wait }) => `Sie können in ${wait} einen neuen Code anfordern.`,
  invalidCode: "Dieser Code ist ungültig oder abgelaufen.",
  locked: "Zu viele falsche Codes. Versuchen Sie es in 15 Minuten erneut.",
  verifiedTitle: "E-Mail-Adresse bestätigt",
  verified:
    "Ihre E-Mail-Adresse ist bestätigt. Sie können dieses Fenster schließen und zur Anwendung zurückkehren.",
  linkInvalidTitle: "Link ungültig",
  linkInvalid:
    "Dieser Bestätigungslink ist ungültig: Er wurde bereits verwendet, durch einen neueren ersetzt oder ist abgelaufen. Melden Sie sich erneut an, um einen neuen zu erhalten.",
};
