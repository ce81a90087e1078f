import type { emailSignIn as en } from "../en/email-sign-in.ts";

export const emailSignIn: typeof en = {
  sendCodeAction: "Anmeldecode per E-Mail senden",
  usernameRequired: "Geben Sie Ihre E-Mail-Adresse ein, um einen Anmeldecode zu erhalten.",
  codeTitle: "Prüfen Sie Ihre E-Mails",
  codeIntro: ({ email }) =>
    `Falls ein Konto ${email} verwendet, haben wir einen 6-stelligen Code und einen Anmeldelink gesendet. Beide gelten einmal, 10 Minuten lang.`,
  codeLabel: "Anmeldecode",
  verifyAction: "Anmelden",
  invalidCode: "Dieser Code ist ungültig oder abgelaufen.",
  locked: "Zu viele falsche Codes. Versuchen Sie es in 15 Minuten erneut.",
  throttled: ({ wait }) => `Zu viele Codes angefordert. Versuchen Sie es in ${wait} erneut.`,
  linkInvalidTitle: "Link ungültig",
  linkInvalid:
    "Dieser Anmeldelink ist abgelaufen oder wurde schon verwendet. Kehren Sie zur Anwendung zurück und melden Sie sich erneut an.",
  elsewhereTitle: "Im ersten Browser fortfahren",
  elsewhere:
    "Dieser Link meldet nur in dem Browser an, in dem der Code angefordert wurde. Geben Sie dort diesen Code ein:",
  codeShownLabel: "Ihr Anmeldecode",
};
