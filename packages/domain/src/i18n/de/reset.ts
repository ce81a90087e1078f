import type { reset as en } from "../en/reset.ts";

export const reset: typeof en = {
  forgotTitle: "Passwort zurücksetzen",
  forgotIntro:
    "Geben Sie die E-Mail-Adresse Ihres Kontos ein. Wir senden einen Link, mit dem Sie ein neues Passwort wählen.",
  emailLabel: "E-Mail",
  sendLinkAction: "Link senden",
  emailRequired: "Geben Sie Ihre E-Mail-Adresse ein.",
  sentTitle: "Prüfen Sie Ihre E-Mails",
  sent: ({ email }) =>
    `Falls ein Konto ${email} verwendet, haben wir einen Link zum Zurücksetzen des Passworts gesendet. Der Link gilt einmal, 30 Minuten lang.`,
  throttled: ({ wait }) =>
    `Zu viele Anfragen zum Zurücksetzen. Versuchen Sie es in ${wait} erneut.`,
  backToSignIn: "Zurück zur Anmeldung",
  newPasswordTitle: "Neues Passwort wählen",
  newPasswordLabel: "Neues Passwort (mindestens 8 Zeichen)",
  setPasswordAction: "Neues Passwort speichern",
  passwordTooShort: "Wählen Sie ein Passwort mit mindestens 8 Zeichen.",
  passwordTooLong: "Wählen Sie ein Passwort mit höchstens 128 Zeichen.",
  passwordWeak:
    "Dieses Passwort ist zu leicht zu erraten. Wählen Sie ein längeres oder weniger gängiges.",
  linkInvalidTitle: "Link ungültig",
  linkInvalid: "Dieser Link ist abgelaufen oder wurde schon verwendet. Fordern Sie einen neuen an.",
  formRefused: "Das Formular konnte nicht geprüft werden. Öffnen Sie den Link erneut.",
  doneTitle: "Passwort geändert",
  done: "Ihr Passwort wurde geändert und Sie wurden überall abgemeldet. Melden Sie sich mit dem neuen Passwort an.",
  disabledTitle: "Zurücksetzen nicht verfügbar",
  disabled:
    "Das Zurücksetzen des Passworts ist hier nicht verfügbar. Wenden Sie sich an den Administrator der Anwendung.",
};
