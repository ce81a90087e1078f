import type { MailStrings } from "../en/mail.ts";

/** Die Texte der E-Mails (Deutsch). */
export const mail: MailStrings = {
  linkFallback: "Falls die Schaltfläche nicht funktioniert, öffnen Sie diesen Link:",
  codeIntro: "Oder geben Sie diesen Code auf der Seite ein, die danach gefragt hat:",
  ignore: "Wenn Sie das nicht angefordert haben, können Sie diese E-Mail ignorieren.",
  sentBy: (p) => `Gesendet von ${p.issuer}.`,
  links: {
    privacy_policy: "Datenschutzerklärung",
    terms_of_service: "Nutzungsbedingungen",
    website: "Website",
    support: "Support",
    documentation: "Dokumentation",
  },
  invitation: {
    subject: (p) => `Sie sind eingeladen, ${p.org} beizutreten`,
    byInviter: (p) => `${p.inviter} lädt Sie ein, ${p.org} beizutreten.`,
    byInviterAs: (p) => `${p.inviter} lädt Sie ein, ${p.org} als ${p.title} beizutreten.`,
    anonymous: (p) => `Sie sind eingeladen, ${p.org} beizutreten.`,
    anonymousAs: (p) => `Sie sind eingeladen, ${p.org} als ${p.title} beizutreten.`,
    action: "Einladung annehmen",
    expires: (p) =>
      `Der Link gilt bis ${p.date}. Wenn Sie diese Einladung nicht erwartet haben, ignorieren Sie diese E-Mail.`,
  },
  emailVerification: {
    subject: (p) => `Bestätigen Sie Ihre E-Mail-Adresse für ${p.issuer}`,
    greeting: (p) => `Hallo ${p.name},`,
    intro: (p) =>
      `Bestätigen Sie, dass diese Adresse Ihnen gehört, um die Anmeldung bei ${p.issuer} abzuschließen.`,
    action: "E-Mail-Adresse bestätigen",
    expires: "Der Link und der Code gelten einmalig für 24 Stunden.",
  },
  passwordReset: {
    subject: (p) => `Ihr Passwort für ${p.issuer} zurücksetzen`,
    greeting: (p) => `Hallo ${p.name},`,
    intro:
      "Jemand hat angefordert, das Passwort des Kontos mit dieser E-Mail-Adresse zurückzusetzen.",
    action: "Neues Passwort wählen",
    expires: "Der Link gilt einmalig für 30 Minuten.",
  },
  signInCode: {
    subject: (p) => `Ihr Anmeldecode für ${p.issuer}`,
    greeting: (p) => `Hallo ${p.name},`,
    intro: (p) => `Melden Sie sich mit diesem Link oder Code bei ${p.issuer} an.`,
    action: "Anmelden",
    expires:
      "Der Link und der Code gelten einmalig für 10 Minuten, in dem Browser, der sie angefordert hat.",
  },
  emailChange: {
    subject: (p) => `Bestätigen Sie Ihre neue E-Mail-Adresse für ${p.issuer}`,
    greeting: (p) => `Hallo ${p.name},`,
    intro: (p) =>
      `Bestätigen Sie, dass dies die neue E-Mail-Adresse Ihres Kontos bei ${p.issuer} ist.`,
    action: "Neue Adresse bestätigen",
    expires: "Der Link und der Code gelten einmalig für 24 Stunden.",
  },
};
