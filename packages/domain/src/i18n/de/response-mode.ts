import type { responseMode as en } from "../en/response-mode.ts";

export const responseMode: typeof en = {
  title: "Zurück zur Anwendung",
  heading: "Zurück zur Anwendung …",
  explanation: "Wenn nichts passiert, klicken Sie auf Weiter.",
  continueAction: "Weiter",
};
