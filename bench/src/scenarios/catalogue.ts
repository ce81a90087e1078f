import { authorizationCode } from "./authorization-code.ts";
import { clientCredentials } from "./client-credentials.ts";
import { discovery } from "./discovery.ts";
import { introspection } from "./introspection.ts";
import { jwks } from "./jwks.ts";
import { passwordLoginFlow } from "./password-login.ts";
import { refreshRotation } from "./refresh.ts";
import type { Scenario } from "./scenario.ts";
import { userinfo } from "./userinfo.ts";

/** Every scenario, in the order of the table. */
export const SCENARIOS: readonly Scenario[] = [
  clientCredentials,
  authorizationCode,
  refreshRotation,
  userinfo,
  introspection,
  jwks,
  discovery,
  passwordLoginFlow,
];
