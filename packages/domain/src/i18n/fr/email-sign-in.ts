import type { emailSignIn as en } from "../en/email-sign-in.ts";

export const emailSignIn: typeof en = {
  sendCodeAction: "Recevoir un code de connexion par e-mail",
  usernameRequired: "Saisissez votre adresse e-mail pour recevoir un code de connexion.",
  codeTitle: "Consultez vos e-mails",
  codeIntro: ({ email }) =>
    `Si un compte utilise ${email}, nous lui avons envoyé un code à 6 chiffres et un lien de connexion. Ils fonctionnent une fois, pendant 10 minutes.`,
  codeLabel: "Code de connexion",
  verifyAction: "Se connecter",
  invalidCode: "Ce code n’est pas valide ou a expiré.",
  locked: "Trop de codes erronés. Réessayez dans 15 minutes.",
  throttled: ({ wait }) => `Trop de codes demandés. Réessayez dans ${wait}.`,
  linkInvalidTitle: "Lien non valide",
  linkInvalid:
    "Ce lien de connexion a expiré ou a déjà servi. Retournez à l’application et connectez-vous à nouveau.",
  elsewhereTitle: "Continuez dans le premier navigateur",
  elsewhere:
    "Ce lien ne connecte que dans le navigateur où le code a été demandé. Saisissez-y ce code :",
  codeShownLabel: "Votre code de connexion",
};
