/** The emails' strings (English, the reference shape for every language). */
export const mail = {
  linkFallback: "If the button does not work, open this link:",
  codeIntro: "Or type this code on the page that asked for it:",
  ignore: "If you did not ask for this, you can ignore this email.",
  sentBy: (p: { issuer: string }) => `Sent by ${p.issuer}.`,
  links: {
    privacy_policy: "Privacy policy",
    terms_of_service: "Terms of service",
    website: "Website",
    support: "Support",
    documentation: "Documentation",
  },
  invitation: {
    subject: (p: { org: string }) => `You're invited to join ${p.org}`,
    byInviter: (p: { inviter: string; org: string }) =>
      `${p.inviter} invited you to join ${p.org}.`,
    byInviterAs: (p: { inviter: string; org: string; title: string }) =>
      `${p.inviter} invited you to join ${p.org} as ${p.title}.`,
    anonymous: (p: { org: string }) => `You are invited to join ${p.org}.`,
    anonymousAs: (p: { org: string; title: string }) =>
      `You are invited to join ${p.org} as ${p.title}.`,
    action: "Accept the invitation",
    expires: (p: { date: string }) =>
      `The link works until ${p.date}. If you did not expect it, ignore this email.`,
  },
  emailVerification: {
    subject: (p: { issuer: string }) => `Verify your email address for ${p.issuer}`,
    greeting: (p: { name: string }) => `Hello ${p.name},`,
    intro: (p: { issuer: string }) =>
      `Confirm that this address is yours to finish with ${p.issuer}.`,
    action: "Verify my email address",
    expires: "The link and the code work once, for 24 hours.",
  },
  passwordReset: {
    subject: (p: { issuer: string }) => `Reset your ${p.issuer} password`,
    greeting: (p: { name: string }) => `Hello ${p.name},`,
    intro: "Someone asked to reset the password of the account with this email address.",
    action: "Choose a new password",
    expires: "The link works once, for 30 minutes.",
  },
  signInCode: {
    subject: (p: { issuer: string }) => `Your ${p.issuer} sign-in code`,
    greeting: (p: { name: string }) => `Hello ${p.name},`,
    intro: (p: { issuer: string }) => `Use this link or code to sign in to ${p.issuer}.`,
    action: "Sign in",
    expires: "The link and the code work once, for 10 minutes, in the browser that asked for them.",
  },
  emailChange: {
    subject: (p: { issuer: string }) => `Confirm your new email address for ${p.issuer}`,
    greeting: (p: { name: string }) => `Hello ${p.name},`,
    intro: (p: { issuer: string }) =>
      `Confirm that this is the new email address of your ${p.issuer} account.`,
    action: "Confirm my new address",
    expires: "The link and the code work once, for 24 hours.",
  },
};

/** The shape every language's mail strings share. */
export type MailStrings = typeof mail;
