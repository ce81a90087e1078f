/** Texts of the page that carries an authorization answer back by form post. */
export const responseMode = {
  title: "Returning to the application",
  heading: "Returning to the application…",
  explanation: "If nothing happens, press Continue.",
  continueAction: "Continue",
};
