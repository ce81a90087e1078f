import type { responseMode as en } from "../en/response-mode.ts";

export const responseMode: typeof en = {
  title: "Retour à l’application",
  heading: "Retour à l’application…",
  explanation: "Si rien ne se passe, appuyez sur Continuer.",
  continueAction: "Continuer",
};
