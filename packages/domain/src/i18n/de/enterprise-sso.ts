import type { enterpriseSso as en } from "../en/enterprise-sso.ts";

export const enterpriseSso: typeof en = {
  continueAction: "Weiter mit Single Sign-on",
  emailRequired:
    "Geben Sie Ihre geschäftliche E-Mail-Adresse ein, um mit Single Sign-on fortzufahren.",
  noRealm:
    "Für diese E-Mail-Adresse ist kein Single Sign-on eingerichtet. Melden Sie sich anders an oder prüfen Sie die Adresse.",
  required: ({ organization }) =>
    `${organization} meldet Sie mit Single Sign-on an. Wählen Sie „Weiter mit Single Sign-on“.`,
  yourOrganization: "Ihre Organisation",
  unavailable:
    "Das Single Sign-on Ihrer Organisation ist gerade nicht verfügbar. Versuchen Sie es später erneut.",
};
