/** Texts of the consent page a third-party client shows before its first code. */
export const consent = {
  title: ({ client }: { client: string }) => `Allow ${client} to use your account?`,
  intro: ({ client, issuer }: { client: string; issuer: string }) =>
    `${client} is not run by ${issuer}. If you allow it, it can:`,
  customScope: ({ scope }: { scope: string }) => `Use the permission “${scope}”`,
  scopesLabel: "What the application asks for",
  allowAction: "Allow",
  denyAction: "Deny",
  remember: "You are asked once; you can withdraw this later from your account.",
  scopes: {
    openid: "Know who you are when you sign in",
    profile: "See your name and profile picture",
    email: "See your email address",
    phone: "See your phone number",
    address: "See your postal address",
    offline_access: "Stay connected to your account when you are away",
  },
};
