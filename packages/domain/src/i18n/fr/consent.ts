import type { consent as en } from "../en/consent.ts";

export const consent: typeof en = {
  title: ({ client }) => `Autoriser ${client} à utiliser votre compte ?`,
  intro: ({ client, issuer }) =>
    `${client} n’est pas géré par ${issuer}. Si vous l’autorisez, cette application pourra :`,
  customScope: ({ scope }) => `Utiliser l’autorisation « ${scope} »`,
  scopesLabel: "Ce que l’application demande",
  allowAction: "Autoriser",
  denyAction: "Refuser",
  remember:
    "Cette question n’est posée qu’une fois ; vous pourrez retirer cette autorisation depuis votre compte.",
  scopes: {
    openid: "Savoir qui vous êtes lorsque vous vous connectez",
    profile: "Voir votre nom et votre photo de profil",
    email: "Voir votre adresse e-mail",
    phone: "Voir votre numéro de téléphone",
    address: "Voir votre adresse postale",
    offline_access: "Rester connectée à votre compte en votre absence",
  },
};
