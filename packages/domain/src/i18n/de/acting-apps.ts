import type { actingApps as en } from "../en/acting-apps.ts";

export const actingApps: typeof en = {
  heading: "Apps, die für Sie handeln",
  explanation: "Diese Agenten dürfen Ihr Konto in Ihrem Namen nutzen, jeweils für einige Minuten.",
  none: "Keine App handelt für Sie.",
};
