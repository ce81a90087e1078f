import type { signup as en } from "../en/signup.ts";

/** Texte der Registrierungsseite. */
export const signup: typeof en = {
  title: ({ issuer }) => `Konto erstellen · ${issuer}`,
  heading: ({ issuer }) => `Erstellen Sie Ihr ${issuer}-Konto`,
  emailLabel: "E-Mail-Adresse",
  passwordLabel: "Passwort",
  passwordHelp: ({ min }) =>
    `Mindestens ${min} Zeichen. Einige unzusammenhängende Wörter ergeben ein starkes Passwort; vermeiden Sie gängige Wörter und Passwörter, die Sie anderswo verwenden.`,
  nameLabel: "Name (optional)",
  createAction: "Konto erstellen",
  haveAccount: "Sie haben bereits ein Konto?",
  signInLink: "Anmelden",
  invalidEmail: "Geben Sie eine gültige E-Mail-Adresse ein.",
  passwordTooShort: ({ min }) => `Verwenden Sie mindestens ${min} Zeichen.`,
  passwordTooLong: ({ max }) => `Verwenden Sie höchstens ${max} Zeichen.`,
  passwordWeak: "Dieses Passwort ist zu leicht zu erraten.",
  nameTooLong: "Der Name ist zu lang.",
  closedTitle: "Registrierung nicht verfügbar",
  closed:
    "Diese Anwendung nimmt hier keine neuen Konten an. Wenden Sie sich an ihre Administration.",
  domainRefusedTitle: "E-Mail-Domain nicht zugelassen",
  domainRefused:
    "Konten mit dieser E-Mail-Domain können hier nicht erstellt werden. Verwenden Sie Ihre geschäftliche Adresse oder wenden Sie sich an die Administration.",
};
