import { z } from "zod";
import type { SessionDeps } from "../sessions/manage-sessions.ts";
import { updateUser } from "../users/manage-users.ts";
import type { UserRow } from "../users/user-wire.ts";

/** A picture is shown to others by URL: only https, so a page never loads it over plain http. */
const PictureUrl = z
  .string()
  .trim()
  .max(2000)
  .url()
  .refine((value) => new URL(value).protocol === "https:", "must be an https URL");

/** The portal's profile form: both fields, an empty one clears it. */
export const OwnProfileInput = z.strictObject({
  name: z.string().trim().max(400),
  picture: z.union([z.literal(""), PictureUrl]),
});
export type OwnProfileInput = z.output<typeof OwnProfileInput>;

/**
 * Saves the user's own name and picture through the same update as the Core API's PATCH
 * (`user.updated` in the same batch), so the change is visible there at once.
 */
export function updateOwnProfile(
  deps: SessionDeps,
  userId: string,
  input: OwnProfileInput,
): Promise<UserRow> {
  return updateUser(deps, userId, {
    profile: { name: input.name || null, picture: input.picture || null },
  });
}
