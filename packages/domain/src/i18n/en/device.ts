/** Texts of the device verification pages (RFC 8628 §3.3): code entry, confirmation, outcome. */
export const device = {
  enterTitle: "Connect a device",
  enterIntro: "Enter the code shown on your TV, console or other device.",
  codeLabel: "Device code",
  codeHint: "8 letters, for example BCDF-GHJK",
  continueAction: "Continue",
  codeRequired: "Enter the code shown on your device.",
  codeUnknown: "That code is not valid or has expired. Check the code on your device.",
  formRefused: "This form has expired. Open the page again and enter the code.",
  throttled: ({ wait }: { wait: string }) => `Too many tries. Try again in ${wait}.`,
  confirmTitle: ({ client }: { client: string }) => `Allow ${client} on your device?`,
  confirmIntro: ({ client }: { client: string }) =>
    `Only allow this if you are signing in to ${client} on a device in front of you right now.`,
  scopesLabel: "The device will be able to",
  allowAction: "Allow",
  denyAction: "Deny",
  approvedTitle: "Device connected",
  approved: ({ client }: { client: string }) =>
    `${client} is signed in on your device. Return to it to continue.`,
  deniedTitle: "Device not connected",
  denied: "You denied the request; the device was not signed in.",
  expiredTitle: "Code expired",
  expired: "This device request has expired or was already answered. Start again on the device.",
};
