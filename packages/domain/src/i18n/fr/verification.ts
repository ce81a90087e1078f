import type { verification as en } from "../en/verification.ts";

/** Textes de la vérification de l'adresse e-mail. */
export const verification: typeof en = {
  title: "Vérifiez votre adresse e-mail",
  heading: "Consultez vos e-mails",
  sent: ({ email }) =>
    `Si ${email} peut être utilisée ici, nous lui avons envoyé un code à 6 chiffres et un lien. Saisissez le code ou ouvrez le lien.`,
  codeLabel: "Code de vérification",
  codeHelp: "Le code et le lien fonctionnent une seule fois, pendant 24 heures.",
  verifyAction: "Vérifier",
  resendAction: "Envoyer un nouveau code",
  resent:
    "Nous avons envoyé un nouvel e-mail. Seuls le code et le lien les plus récents fonctionnent.",
  resendLater: ({ wait }) => `Vous pourrez demander un nouveau code dans ${wait}.`,
  invalidCode: "Ce code n'est pas valide ou a expiré.",
  locked: "Trop de codes erronés. Réessayez dans 15 minutes.",
  verifiedTitle: "Adresse e-mail vérifiée",
  verified:
    "Votre adresse e-mail est vérifiée. Vous pouvez fermer cette fenêtre et revenir à l'application.",
  linkInvalidTitle: "Lien non valide",
  linkInvalid:
    "Ce lien de vérification n'est pas valide : il a déjà servi, a été remplacé par un plus récent ou a expiré. Reconnectez-vous pour en recevoir un nouveau.",
};
