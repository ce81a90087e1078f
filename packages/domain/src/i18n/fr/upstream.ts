import type { upstream as en } from "../en/upstream.ts";

/** Textes de la connexion par un fournisseur (réseaux sociaux et OIDC). */
export const upstream: typeof en = {
  continueWith: ({ provider }) => `Continuer avec ${provider}`,
  otherWays: "Ou connectez-vous avec",
  failedTitle: "La connexion n’a pas abouti",
  failed: ({ provider }) =>
    `${provider} n’a pas confirmé votre identité. Revenez à l’application et réessayez.`,
  expired:
    "Cette connexion a pris trop de temps ou a déjà été utilisée. Revenez à l’application et reconnectez-vous.",
  signupOff:
    "Aucun compte ne correspond à cette connexion, et il n’est pas possible d’en créer ici.",
  emailUnverified: ({ provider }) =>
    `Un compte utilise déjà cette adresse e-mail, mais ${provider} ne l’a pas vérifiée. Connectez-vous à ce compte autrement.`,
  userInactive: "Ce compte ne peut pas se connecter.",
  proveNotice: ({ provider }) =>
    `Un compte utilise déjà votre adresse e-mail ${provider}. Connectez-vous-y une fois pour associer ${provider}.`,
  linkedHeading: "Comptes associés",
  linkedNone: "Aucun compte n’est associé.",
  linkedSince: ({ date }) => `Associé le ${date}`,
  unlinkAction: ({ provider }) => `Retirer ${provider}`,
  unlinked: "Le compte associé a été retiré.",
  lastWay:
    "C’est le dernier moyen de vous connecter à votre compte : ajoutez d’abord un mot de passe ou une clé d’accès.",
};
