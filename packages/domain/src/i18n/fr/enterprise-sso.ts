import type { enterpriseSso as en } from "../en/enterprise-sso.ts";

export const enterpriseSso: typeof en = {
  continueAction: "Continuer avec l’authentification unique",
  emailRequired:
    "Saisissez votre adresse e-mail professionnelle pour continuer avec l’authentification unique.",
  noRealm:
    "L’authentification unique n’est pas configurée pour cette adresse e-mail. Connectez-vous autrement ou vérifiez l’adresse.",
  required: ({ organization }) =>
    `${organization} vous connecte par authentification unique. Choisissez « Continuer avec l’authentification unique ».`,
  yourOrganization: "Votre organisation",
  unavailable:
    "L’authentification unique de votre organisation n’est pas disponible pour le moment. Réessayez plus tard.",
  redirectTitle: ({ organization }) => `Connexion avec ${organization}`,
  redirectIntro: "Votre organisation vous connecte. Votre navigateur ouvre sa page de connexion.",
  redirectAction: "Continuer vers la connexion de votre organisation",
  outsideDomain:
    "La connexion de votre organisation a indiqué une adresse e-mail hors de ses domaines, ou non vérifiée. Contactez votre administrateur.",
};
