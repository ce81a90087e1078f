import { z } from "zod";
import { AuthMethodSettingsInput } from "./auth-method-settings.ts";
import { AUTH_METHOD_TYPES } from "./auth-method-types.ts";

const Name = z.string().trim().min(1).max(100);
const Settings = AuthMethodSettingsInput as z.ZodType<Record<string, unknown>>;

/** Create body: AuthPI's `name`, `method`, `enabled`, `settings`, plus `first_factor_only`. */
export const CreateAuthMethodInput = z.strictObject({
  name: Name,
  method: z.enum(AUTH_METHOD_TYPES),
  enabled: z.boolean(),
  first_factor_only: z.boolean().optional(),
  settings: Settings.default({}),
});
export type CreateAuthMethodInput = z.output<typeof CreateAuthMethodInput>;

/** PATCH: `settings` merges key by key over the stored ones; `method` cannot change. */
export const UpdateAuthMethodInput = z.strictObject({
  name: Name.optional(),
  enabled: z.boolean().optional(),
  first_factor_only: z.boolean().optional(),
  settings: Settings.optional(),
});
export type UpdateAuthMethodInput = z.output<typeof UpdateAuthMethodInput>;
