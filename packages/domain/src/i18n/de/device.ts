import type { device as en } from "../en/device.ts";

/** Texte der Geräte-Bestätigungsseiten (RFC 8628 §3.3). */
export const device: typeof en = {
  enterTitle: "Gerät verbinden",
  enterIntro:
    "Geben Sie den Code ein, der auf Ihrem Fernseher, Ihrer Konsole oder Ihrem Gerät angezeigt wird.",
  codeLabel: "Gerätecode",
  codeHint: "8 Buchstaben, zum Beispiel BCDF-GHJK",
  continueAction: "Weiter",
  codeRequired: "Geben Sie den Code ein, der auf Ihrem Gerät angezeigt wird.",
  codeUnknown: "Dieser Code ist ungültig oder abgelaufen. Prüfen Sie den Code auf Ihrem Gerät.",
  formRefused:
    "Dieses Formular ist abgelaufen. Öffnen Sie die Seite erneut und geben Sie den Code ein.",
  throttled: ({ wait }: { wait: string }) =>
    `Zu viele Versuche. Versuchen Sie es in ${wait} erneut.`,
  confirmTitle: ({ client }: { client: string }) => `${client} auf Ihrem Gerät erlauben?`,
  confirmIntro: ({ client }: { client: string }) =>
    `Erlauben Sie dies nur, wenn Sie sich gerade selbst auf einem Gerät vor Ihnen bei ${client} anmelden.`,
  scopesLabel: "Das Gerät kann dann",
  allowAction: "Erlauben",
  denyAction: "Ablehnen",
  approvedTitle: "Gerät verbunden",
  approved: ({ client }: { client: string }) =>
    `${client} ist auf Ihrem Gerät angemeldet. Kehren Sie zum Gerät zurück.`,
  deniedTitle: "Gerät nicht verbunden",
  denied: "Sie haben die Anfrage abgelehnt; das Gerät wurde nicht angemeldet.",
  expiredTitle: "Code abgelaufen",
  expired:
    "Diese Geräteanfrage ist abgelaufen oder wurde bereits beantwortet. Beginnen Sie auf dem Gerät neu.",
};
