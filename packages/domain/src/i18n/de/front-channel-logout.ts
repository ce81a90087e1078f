import type { frontChannelLogout as en } from "../en/front-channel-logout.ts";

/** Texte der Seite, die den Nutzer von jeder Anwendung abmeldet. */
export const frontChannelLogout: typeof en = {
  title: "Abmelden",
  heading: "Sie werden von Ihren Anwendungen abgemeldet …",
  done: "Sie sind abgemeldet.",
  continueAction: "Weiter",
  frameTitle: "Abmeldung von einer Anwendung",
};
