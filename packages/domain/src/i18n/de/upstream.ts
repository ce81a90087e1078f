import type { upstream as en } from "../en/upstream.ts";

/** Texte der Anmeldung über einen Anbieter (soziale Konten und OIDC). */
export const upstream: typeof en = {
  continueWith: ({ provider }) => `Weiter mit ${provider}`,
  otherWays: "Oder anmelden mit",
  failedTitle: "Anmeldung nicht abgeschlossen",
  failed: ({ provider }) =>
    `${provider} hat nicht bestätigt, wer Sie sind. Kehren Sie zur Anwendung zurück und versuchen Sie es erneut.`,
  expired:
    "Diese Anmeldung hat zu lange gedauert oder wurde schon verwendet. Kehren Sie zur Anwendung zurück und melden Sie sich erneut an.",
  signupOff:
    "Zu dieser Anmeldung gibt es kein Konto, und hier können keine neuen Konten angelegt werden.",
  emailUnverified: ({ provider }) =>
    `Ein Konto verwendet diese E-Mail-Adresse bereits, aber ${provider} hat sie nicht bestätigt. Melden Sie sich auf andere Weise bei diesem Konto an.`,
  userInactive: "Dieses Konto kann sich nicht anmelden.",
  proveNotice: ({ provider }) =>
    `Ein Konto verwendet bereits Ihre ${provider}-E-Mail-Adresse. Melden Sie sich einmal dort an, um ${provider} zu verknüpfen.`,
  linkedHeading: "Verknüpfte Konten",
  linkedNone: "Keine Konten verknüpft.",
  linkedSince: ({ date }) => `Verknüpft am ${date}`,
  unlinkAction: ({ provider }) => `${provider} entfernen`,
  unlinked: "Das verknüpfte Konto wurde entfernt.",
  lastWay:
    "Dies ist die letzte Möglichkeit, sich bei Ihrem Konto anzumelden: Fügen Sie zuerst ein Passwort oder einen Passkey hinzu.",
};
