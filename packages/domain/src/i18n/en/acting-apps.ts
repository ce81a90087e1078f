/** Texts of the portal's list of agents the user lets act for them (token exchange). */
export const actingApps = {
  heading: "Apps that act for you",
  explanation: "These agents may use your account on your behalf, for a few minutes at a time.",
  none: "No app acts for you.",
};
