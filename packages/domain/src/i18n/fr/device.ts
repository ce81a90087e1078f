import type { device as en } from "../en/device.ts";

/** Textes des pages de validation d’un appareil (RFC 8628 §3.3). */
export const device: typeof en = {
  enterTitle: "Connecter un appareil",
  enterIntro: "Saisissez le code affiché sur votre téléviseur, votre console ou votre appareil.",
  codeLabel: "Code de l’appareil",
  codeHint: "8 lettres, par exemple BCDF-GHJK",
  continueAction: "Continuer",
  codeRequired: "Saisissez le code affiché sur votre appareil.",
  codeUnknown: "Ce code n’est pas valide ou a expiré. Vérifiez le code sur votre appareil.",
  formRefused: "Ce formulaire a expiré. Rouvrez la page et saisissez le code.",
  throttled: ({ wait }: { wait: string }) => `Trop d’essais. Réessayez dans ${wait}.`,
  confirmTitle: ({ client }: { client: string }) => `Autoriser ${client} sur votre appareil ?`,
  confirmIntro: ({ client }: { client: string }) =>
    `N’autorisez que si vous êtes en train de vous connecter à ${client} sur un appareil devant vous.`,
  scopesLabel: "L’appareil pourra",
  allowAction: "Autoriser",
  denyAction: "Refuser",
  approvedTitle: "Appareil connecté",
  approved: ({ client }: { client: string }) =>
    `${client} est connecté sur votre appareil. Revenez-y pour continuer.`,
  deniedTitle: "Appareil non connecté",
  denied: "Vous avez refusé la demande ; l’appareil n’a pas été connecté.",
  expiredTitle: "Code expiré",
  expired: "Cette demande a expiré ou a déjà reçu une réponse. Recommencez sur l’appareil.",
};
