/** The sign-in wing as the protocol side sees it (see `contract.ts`). */

export { consentRoutes, withConsent } from "./consent.ts";
export type { CompleteAuthorization, PageEnv, SignedIn } from "./contract.ts";
export { currentSignIn } from "./current-sign-in.ts";
export { deviceConfirmRoutes, withDevice } from "./device-confirm.ts";
export { deviceEntryRoutes } from "./device-entry.ts";
export { startSignIn } from "./identify.ts";
export { signInRoutes } from "./routes.ts";
