import type { signIn as en } from "../en/sign-in.ts";

export const signIn: typeof en = {
  title: ({ issuer }) => `Anmelden · ${issuer}`,
  heading: ({ issuer }) => `Bei ${issuer} anmelden`,
  continueTo: ({ client }) => `um mit ${client} fortzufahren`,
  usernameLabel: "E-Mail oder Benutzername",
  passwordLabel: "Passwort",
  signInAction: "Anmelden",
  forgotPassword: "Passwort vergessen?",
  createAccount: "Konto erstellen",
  comingSoon: "Demnächst verfügbar",
  noMethods:
    "Für diese Anwendung ist keine Anmeldemethode aktiviert. Wenden Sie sich an den Administrator.",
  invalidCredentials: "Benutzername oder Passwort falsch.",
  invalidPassword: "Passwort falsch.",
  locked: "Zu viele fehlgeschlagene Versuche. Versuchen Sie es in 15 Minuten erneut.",
  throttled: ({ wait }) =>
    `Zu viele fehlgeschlagene Anmeldungen aus Ihrem Netzwerk. Versuchen Sie es in ${wait} erneut.`,
  signInRefused:
    "Das Anmeldeformular konnte nicht überprüft werden. Kehren Sie zur Anwendung zurück und versuchen Sie es erneut.",

  passkeySignInAction: "Mit einem Passkey fortfahren",
  passkeyFailed:
    "Der Passkey konnte nicht verwendet werden. Versuchen Sie es erneut oder melden Sie sich anders an.",
  passkeyRefused:
    "Dieser Passkey wurde nicht akzeptiert. Versuchen Sie es erneut oder melden Sie sich anders an.",
  passkeyRegisterHeading: "Oder einen Passkey hinzufügen",
  passkeyRegisterIntro:
    "Mit einem Passkey melden Sie sich über die Bildschirmsperre Ihres Geräts oder einen Sicherheitsschlüssel an, ganz ohne Codes.",
  passkeyRegisterAction: "Passkey hinzufügen",
  passkeyRegisterRefused:
    "Der Passkey konnte nicht hinzugefügt werden. Versuchen Sie es erneut oder verwenden Sie eine Authenticator-App.",

  enrollPasskeyIntro:
    "Ihre Organisation oder diese Anwendung verlangt einen zweiten Schritt: Fügen Sie einen Passkey hinzu.",
  passkeyNeedsScript:
    "Zum Hinzufügen eines Passkeys wird JavaScript benötigt. Aktivieren Sie es und laden Sie die Seite neu.",
  offerTitle: "Passkey für eine schnellere Anmeldung hinzufügen",
  notNowAction: "Nicht jetzt",
  notNowPasskeyLabel: "Nicht jetzt, ohne Passkey fortfahren",

  secondFactorTitle: "Bestätigung in zwei Schritten",
  secondFactorIntro: "Geben Sie den 6-stelligen Code aus Ihrer Authenticator-App ein.",
  codeLabel: "Bestätigungscode",
  verifyAction: "Bestätigen",
  backupCodeIntro: "Gerät verloren? Verwenden Sie stattdessen einen Ihrer Backup-Codes.",
  backupCodeLabel: "Backup-Code",
  backupCodeAction: "Mit einem Backup-Code anmelden",
  invalidCode: "Dieser Code ist ungültig. Versuchen Sie es erneut.",
  invalidBackupCode: "Dieser Backup-Code ist ungültig oder wurde bereits verwendet.",

  enrollTitle: "Bestätigung in zwei Schritten einrichten",
  enrollIntro:
    "Ihre Organisation oder diese Anwendung verlangt einen zweiten Schritt. Scannen Sie den QR-Code mit einer Authenticator-App und geben Sie dann den angezeigten Code ein.",
  qrAlt: "QR-Code für Ihre Authenticator-App",
  secretLabel: "Oder geben Sie diesen Schlüssel von Hand in der App ein:",
  enrollAction: "Bestätigen und fortfahren",
  backupCodesTitle: "Backup-Codes speichern",
  backupCodesIntro:
    "Jeder Code meldet Sie einmal an, falls Sie Ihr Gerät verlieren. Sie werden nur jetzt angezeigt: Bewahren Sie sie sicher auf.",
  backupCodesListLabel: "Ihre Backup-Codes",
  continueAction: "Ich habe meine Backup-Codes gespeichert, weiter",
  cannotComplyTitle: "Bestätigung in zwei Schritten erforderlich",
  cannotComply:
    "Diese Anmeldung erfordert eine Bestätigung in zwei Schritten, aber hier kann kein zweiter Faktor eingerichtet werden. Wenden Sie sich an den Administrator.",

  joinTitle: ({ org }) => `${org} beitreten`,
  invitedBy: ({ inviter, org }) => `${inviter} hat Sie eingeladen, ${org} beizutreten.`,
  invitedByAs: ({ inviter, org, title }) =>
    `${inviter} hat Sie eingeladen, ${org} als ${title} beizutreten.`,
  invited: ({ org }) => `Sie sind eingeladen, ${org} beizutreten.`,
  invitedAs: ({ org, title }) => `Sie sind eingeladen, ${org} als ${title} beizutreten.`,
  emailLabel: "E-Mail",
  choosePassword: "Wählen Sie ein Passwort (mindestens 8 Zeichen)",
  passwordTooShort: "Wählen Sie ein Passwort mit mindestens 8 Zeichen.",
  signInAndJoin: "Anmelden und beitreten",
  createAndJoin: "Konto erstellen und beitreten",
  invitationInvalidTitle: "Einladung ungültig",
  invitationFormRefused:
    "Das Formular konnte nicht überprüft werden. Öffnen Sie den Einladungslink erneut.",
  joinedTitle: ({ org }) => `${org} beigetreten`,
  joinedHeading: ({ org }) => `Sie sind ${org} beigetreten`,
  joinedNext: "Sie können dieses Fenster schließen und sich bei der Anwendung anmelden.",
};
