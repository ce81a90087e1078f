import type { frontChannelLogout as en } from "../en/front-channel-logout.ts";

/** Textes de la page qui déconnecte l'utilisateur de chaque application. */
export const frontChannelLogout: typeof en = {
  title: "Déconnexion",
  heading: "Déconnexion de vos applications…",
  done: "Vous êtes déconnecté.",
  continueAction: "Continuer",
  frameTitle: "Déconnexion d'une application",
};
