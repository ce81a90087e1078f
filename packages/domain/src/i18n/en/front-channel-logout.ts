/** Texts of the page that signs the user out of each application (front-channel logout). */
export const frontChannelLogout = {
  title: "Signing out",
  heading: "Signing you out of your applications…",
  done: "You are signed out.",
  continueAction: "Continue",
  frameTitle: "Signing out of an application",
};
