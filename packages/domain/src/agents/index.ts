// The public face of this aggregate: import it as `@authpi/domain/agents`.
export * from "./agent-input.ts";
export * from "./agent-verifiers.ts";
export * from "./agent-wire.ts";
export * from "./authenticate-agent.ts";
export * from "./manage-agents.ts";
