import type { signIn as en } from "../en/sign-in.ts";

export const signIn: typeof en = {
  title: ({ issuer }) => `Connexion · ${issuer}`,
  heading: ({ issuer }) => `Se connecter à ${issuer}`,
  continueTo: ({ client }) => `pour continuer vers ${client}`,
  usernameLabel: "E-mail ou nom d’utilisateur",
  passwordLabel: "Mot de passe",
  signInAction: "Se connecter",
  forgotPassword: "Mot de passe oublié ?",
  createAccount: "Créer un compte",
  comingSoon: "Bientôt disponible",
  noMethods:
    "Aucune méthode de connexion n’est activée pour cette application. Contactez son administrateur.",
  invalidCredentials: "Nom d’utilisateur ou mot de passe incorrect.",
  invalidPassword: "Mot de passe incorrect.",
  locked: "Trop de tentatives échouées. Réessayez dans 15 minutes.",
  throttled: ({ wait }) =>
    `Trop de connexions échouées depuis votre réseau. Réessayez dans ${wait}.`,
  signInRefused:
    "Le formulaire de connexion n’a pas pu être vérifié. Revenez à l’application et réessayez.",

  passkeySignInAction: "Continuer avec une clé d’accès",
  passkeyFailed: "La clé d’accès n’a pas pu être utilisée. Réessayez ou connectez-vous autrement.",
  passkeyRefused: "Cette clé d’accès n’a pas été acceptée. Réessayez ou connectez-vous autrement.",
  passkeyRegisterHeading: "Ou ajoutez une clé d’accès",
  passkeyRegisterIntro:
    "Une clé d’accès vous connecte avec le verrouillage d’écran de votre appareil ou une clé de sécurité, sans code.",
  passkeyRegisterAction: "Ajouter une clé d’accès",
  passkeyRegisterRefused:
    "La clé d’accès n’a pas pu être ajoutée. Réessayez ou utilisez une application d’authentification.",

  enrollPasskeyIntro:
    "Votre organisation ou cette application exige une seconde étape : ajoutez une clé d’accès.",
  passkeyNeedsScript:
    "L’ajout d’une clé d’accès nécessite JavaScript. Activez-le et rechargez cette page.",
  offerTitle: "Ajoutez une clé d’accès pour vous connecter plus vite",
  notNowAction: "Pas maintenant",
  notNowPasskeyLabel: "Pas maintenant, continuer sans clé d’accès",

  secondFactorTitle: "Validation en deux étapes",
  secondFactorIntro: "Saisissez le code à 6 chiffres de votre application d’authentification.",
  codeLabel: "Code d’authentification",
  verifyAction: "Vérifier",
  backupCodeIntro: "Appareil perdu ? Utilisez plutôt l’un de vos codes de secours.",
  backupCodeLabel: "Code de secours",
  backupCodeAction: "Se connecter avec un code de secours",
  invalidCode: "Ce code n’est pas valide. Réessayez.",
  invalidBackupCode: "Ce code de secours n’est pas valide ou a déjà été utilisé.",

  enrollTitle: "Configurer la validation en deux étapes",
  enrollIntro:
    "Votre organisation ou cette application exige une seconde étape. Scannez le code QR avec une application d’authentification, puis saisissez le code qu’elle affiche.",
  qrAlt: "Code QR pour votre application d’authentification",
  secretLabel: "Ou saisissez cette clé à la main dans l’application :",
  enrollAction: "Confirmer et continuer",
  backupCodesTitle: "Enregistrez vos codes de secours",
  backupCodesIntro:
    "Chaque code vous connecte une fois si vous perdez votre appareil. Ils ne sont affichés que maintenant : conservez-les en lieu sûr.",
  backupCodesListLabel: "Vos codes de secours",
  continueAction: "J’ai enregistré mes codes de secours, continuer",
  cannotComplyTitle: "Validation en deux étapes requise",
  cannotComply:
    "Cette connexion exige une validation en deux étapes, mais aucun second facteur ne peut être configuré ici. Contactez l’administrateur.",

  joinTitle: ({ org }) => `Rejoindre ${org}`,
  invitedBy: ({ inviter, org }) => `${inviter} vous invite à rejoindre ${org}.`,
  invitedByAs: ({ inviter, org, title }) =>
    `${inviter} vous invite à rejoindre ${org} en tant que ${title}.`,
  invited: ({ org }) => `Vous êtes invité à rejoindre ${org}.`,
  invitedAs: ({ org, title }) => `Vous êtes invité à rejoindre ${org} en tant que ${title}.`,
  emailLabel: "E-mail",
  choosePassword: "Choisissez un mot de passe (8 caractères ou plus)",
  passwordTooShort: "Choisissez un mot de passe d’au moins 8 caractères.",
  signInAndJoin: "Se connecter et rejoindre",
  createAndJoin: "Créer un compte et rejoindre",
  invitationInvalidTitle: "Invitation non valide",
  invitationFormRefused:
    "Le formulaire n’a pas pu être vérifié. Ouvrez à nouveau le lien d’invitation.",
  joinedTitle: ({ org }) => `${org} rejoint`,
  joinedHeading: ({ org }) => `Vous avez rejoint ${org}`,
  joinedNext: "Vous pouvez fermer cette fenêtre et vous connecter à l’application.",
};
