import type { consent as en } from "../en/consent.ts";

export const consent: typeof en = {
  title: ({ client }) => `${client} erlauben, Ihr Konto zu verwenden?`,
  intro: ({ client, issuer }) =>
    `${client} wird nicht von ${issuer} betrieben. Wenn Sie es erlauben, kann die Anwendung:`,
  customScope: ({ scope }) => `Die Berechtigung „${scope}“ verwenden`,
  scopesLabel: "Was die Anwendung anfragt",
  allowAction: "Erlauben",
  denyAction: "Ablehnen",
  remember:
    "Sie werden nur einmal gefragt; Sie können die Erlaubnis später in Ihrem Konto widerrufen.",
  scopes: {
    openid: "Erfahren, wer Sie sind, wenn Sie sich anmelden",
    profile: "Ihren Namen und Ihr Profilbild sehen",
    email: "Ihre E-Mail-Adresse sehen",
    phone: "Ihre Telefonnummer sehen",
    address: "Ihre Postanschrift sehen",
    offline_access: "Mit Ihrem Konto verbunden bleiben, auch wenn Sie nicht da sind",
  },
};
