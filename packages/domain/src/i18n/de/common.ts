import type { common as en } from "../en/common.ts";

export const common: typeof en = {
  fallbackIssuerName: "Ihr Konto",
  logoAlt: ({ issuer }) => issuer,
  privacyPolicy: "Datenschutzerklärung",
  termsOfService: "Nutzungsbedingungen",
  support: "Support",
  footerLabel: "Rechtliche Hinweise und Support",
  backToApplication: "Zurück zur Anwendung",
  backToNamedApplication: ({ client }) => `Zurück zu ${client}`,
  aMinute: "einer Minute",
  minutes: ({ n }) => `${n} Minuten`,

  expiredTitle: "Anmeldung abgelaufen",
  expired:
    "Diese Anmeldeseite ist abgelaufen. Kehren Sie zur Anwendung zurück und melden Sie sich erneut an.",
  requestRefusedTitle: "Anfrage abgelehnt",
  authorizeRefusedTitle: "Anmeldeanfrage abgelehnt",
  signOutRefusedTitle: "Abmeldung abgelehnt",
  signedOutTitle: "Abgemeldet",
  signedOutHeading: "Sie sind abgemeldet",
  closeWindow: "Sie können dieses Fenster schließen.",
};
