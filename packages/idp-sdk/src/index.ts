export { Agent } from "./agent.ts";
export { IdpClient } from "./client.ts";
export { DpopKey, sendWithDpop } from "./dpop.ts";
export {
  ConfigurationError,
  IdpError,
  IssuerMismatchError,
  RefreshError,
  StateMismatchError,
  TokenVerificationError,
} from "./errors.ts";
export { hasAccess, scopeGrants } from "./scopes.ts";
export type {
  AgentCallbacks,
  AuthorizationRequest,
  IdpClientOptions,
  Organization,
  TokenSet,
  User,
} from "./types.ts";
