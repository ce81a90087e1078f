import type { common as en } from "../en/common.ts";

export const common: typeof en = {
  fallbackIssuerName: "votre compte",
  logoAlt: ({ issuer }) => issuer,
  privacyPolicy: "Politique de confidentialité",
  termsOfService: "Conditions d’utilisation",
  support: "Assistance",
  footerLabel: "Liens légaux et assistance",
  backToApplication: "Retour à l’application",
  backToNamedApplication: ({ client }) => `Retour à ${client}`,
  aMinute: "une minute",
  minutes: ({ n }) => `${n} minutes`,

  expiredTitle: "Connexion expirée",
  expired: "Cette page de connexion a expiré. Revenez à l’application et connectez-vous à nouveau.",
  requestRefusedTitle: "Requête refusée",
  authorizeRefusedTitle: "Demande de connexion refusée",
  signOutRefusedTitle: "Déconnexion refusée",
  signedOutTitle: "Déconnecté",
  signedOutHeading: "Vous êtes déconnecté",
  closeWindow: "Vous pouvez fermer cette fenêtre.",
};
