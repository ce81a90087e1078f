import type { reset as en } from "../en/reset.ts";

export const reset: typeof en = {
  forgotTitle: "Réinitialiser votre mot de passe",
  forgotIntro:
    "Saisissez l’adresse e-mail de votre compte. Nous y enverrons un lien pour choisir un nouveau mot de passe.",
  emailLabel: "E-mail",
  sendLinkAction: "Envoyer le lien",
  emailRequired: "Saisissez votre adresse e-mail.",
  sentTitle: "Consultez vos e-mails",
  sent: ({ email }) =>
    `Si un compte utilise ${email}, nous lui avons envoyé un lien pour réinitialiser son mot de passe. Le lien fonctionne une fois, pendant 30 minutes.`,
  throttled: ({ wait }) => `Trop de demandes de réinitialisation. Réessayez dans ${wait}.`,
  backToSignIn: "Retour à la connexion",
  newPasswordTitle: "Choisissez un nouveau mot de passe",
  newPasswordLabel: "Nouveau mot de passe (8 caractères ou plus)",
  setPasswordAction: "Enregistrer le mot de passe",
  passwordTooShort: "Choisissez un mot de passe d’au moins 8 caractères.",
  passwordTooLong: "Choisissez un mot de passe de 128 caractères au plus.",
  passwordWeak:
    "Ce mot de passe est trop facile à deviner. Choisissez-en un plus long ou moins courant.",
  linkInvalidTitle: "Lien non valide",
  linkInvalid: "Ce lien de réinitialisation a expiré ou a déjà servi. Demandez-en un nouveau.",
  formRefused:
    "Le formulaire n’a pas pu être vérifié. Ouvrez à nouveau le lien de réinitialisation.",
  doneTitle: "Mot de passe modifié",
  done: "Votre mot de passe a été modifié et vous avez été déconnecté partout. Connectez-vous avec votre nouveau mot de passe.",
  disabledTitle: "Réinitialisation indisponible",
  disabled:
    "La réinitialisation du mot de passe n’est pas disponible ici. Contactez l’administrateur de l’application.",
};
