import type { actingApps as en } from "../en/acting-apps.ts";

export const actingApps: typeof en = {
  heading: "Applications qui agissent pour vous",
  explanation: "Ces agents peuvent utiliser votre compte en votre nom, quelques minutes à la fois.",
  none: "Aucune application n’agit pour vous.",
};
