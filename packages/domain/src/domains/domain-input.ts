import { z } from "zod";
import { HostName } from "./host-name.ts";

/** At most 20 custom domains per account (AuthPI's documented limit). */
export const MAX_DOMAINS_PER_ACCOUNT = 20;

export const AddDomainInput = z.strictObject({ host: HostName });
export type AddDomainInput = z.output<typeof AddDomainInput>;

export const AssignDomainInput = z.strictObject({
  issuer_id: z.string().min(1).max(100),
});
export type AssignDomainInput = z.output<typeof AssignDomainInput>;
