import type { signup as en } from "../en/signup.ts";

/** Textes de la page d'inscription. */
export const signup: typeof en = {
  title: ({ issuer }) => `Créer un compte · ${issuer}`,
  heading: ({ issuer }) => `Créez votre compte ${issuer}`,
  emailLabel: "Adresse e-mail",
  passwordLabel: "Mot de passe",
  passwordHelp: ({ min }) =>
    `Au moins ${min} caractères. Quelques mots sans lien entre eux font un mot de passe solide ; évitez les mots courants et les mots de passe que vous utilisez ailleurs.`,
  nameLabel: "Nom (facultatif)",
  createAction: "Créer le compte",
  haveAccount: "Vous avez déjà un compte ?",
  signInLink: "Se connecter",
  invalidEmail: "Saisissez une adresse e-mail valide.",
  passwordTooShort: ({ min }) => `Utilisez au moins ${min} caractères.`,
  passwordTooLong: ({ max }) => `Utilisez au plus ${max} caractères.`,
  passwordWeak: "Ce mot de passe est trop facile à deviner.",
  nameTooLong: "Le nom est trop long.",
  closedTitle: "Inscription indisponible",
  closed: "Cette application n'accepte pas de nouveaux comptes ici. Contactez son administrateur.",
  domainRefusedTitle: "Domaine d'e-mail non autorisé",
  domainRefused:
    "Les comptes avec ce domaine d'e-mail ne peuvent pas être créés ici. Utilisez votre adresse professionnelle ou contactez l'administrateur.",
};
