// The public face of this aggregate: import it as `@authpi/domain/approvals`.
export * from "./manage-approvals.ts";
