export * from "./schema/accounts.ts";
export * from "./schema/agents.ts";
export * from "./schema/clients.ts";
export * from "./schema/events.ts";
export * from "./schema/issuers.ts";
export * from "./schema/organizations.ts";
export * from "./schema/users.ts";
export * from "./schema/webhooks.ts";
