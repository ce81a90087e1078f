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
  redirectTitle: ({ organization }) => `Anmeldung über ${organization}`,
  redirectIntro: "Ihre Organisation meldet Sie an. Ihr Browser öffnet gleich deren Anmeldeseite.",
  redirectAction: "Weiter zur Anmeldung Ihrer Organisation",
  outsideDomain:
    "Die Anmeldung Ihrer Organisation nannte eine E-Mail-Adresse außerhalb ihrer Domains oder eine unbestätigte. Wenden Sie sich an Ihre Administration.",
};
