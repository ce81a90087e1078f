import type { MailStrings } from "../en/mail.ts";

/** Les textes des e-mails (français). */
export const mail: MailStrings = {
  linkFallback: "Si le bouton ne fonctionne pas, ouvrez ce lien :",
  codeIntro: "Ou saisissez ce code sur la page qui vous l’a demandé :",
  ignore: "Si vous n’êtes pas à l’origine de cette demande, ignorez cet e-mail.",
  sentBy: (p) => `Envoyé par ${p.issuer}.`,
  links: {
    privacy_policy: "Politique de confidentialité",
    terms_of_service: "Conditions d’utilisation",
    website: "Site web",
    support: "Assistance",
    documentation: "Documentation",
  },
  invitation: {
    subject: (p) => `Vous êtes invité à rejoindre ${p.org}`,
    byInviter: (p) => `${p.inviter} vous invite à rejoindre ${p.org}.`,
    byInviterAs: (p) => `${p.inviter} vous invite à rejoindre ${p.org} en tant que ${p.title}.`,
    anonymous: (p) => `Vous êtes invité à rejoindre ${p.org}.`,
    anonymousAs: (p) => `Vous êtes invité à rejoindre ${p.org} en tant que ${p.title}.`,
    action: "Accepter l’invitation",
    expires: (p) =>
      `Le lien est valable jusqu’au ${p.date}. Si vous ne vous y attendiez pas, ignorez cet e-mail.`,
  },
  emailVerification: {
    subject: (p) => `Vérifiez votre adresse e-mail pour ${p.issuer}`,
    greeting: (p) => `Bonjour ${p.name},`,
    intro: (p) => `Confirmez que cette adresse est bien la vôtre pour terminer avec ${p.issuer}.`,
    action: "Vérifier mon adresse e-mail",
    expires: "Le lien et le code ne servent qu’une fois, pendant 24 heures.",
  },
  passwordReset: {
    subject: (p) => `Réinitialisez votre mot de passe ${p.issuer}`,
    greeting: (p) => `Bonjour ${p.name},`,
    intro:
      "Quelqu’un a demandé à réinitialiser le mot de passe du compte associé à cette adresse e-mail.",
    action: "Choisir un nouveau mot de passe",
    expires: "Le lien ne sert qu’une fois, pendant 30 minutes.",
  },
  signInCode: {
    subject: (p) => `Votre code de connexion ${p.issuer}`,
    greeting: (p) => `Bonjour ${p.name},`,
    intro: (p) => `Utilisez ce lien ou ce code pour vous connecter à ${p.issuer}.`,
    action: "Se connecter",
    expires:
      "Le lien et le code ne servent qu’une fois, pendant 10 minutes, dans le navigateur qui les a demandés.",
  },
  emailChange: {
    subject: (p) => `Confirmez votre nouvelle adresse e-mail pour ${p.issuer}`,
    greeting: (p) => `Bonjour ${p.name},`,
    intro: (p) =>
      `Confirmez qu’il s’agit bien de la nouvelle adresse e-mail de votre compte ${p.issuer}.`,
    action: "Confirmer ma nouvelle adresse",
    expires: "Le lien et le code ne servent qu’une fois, pendant 24 heures.",
  },
};
