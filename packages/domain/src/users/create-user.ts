import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { hashPassword } from "../crypto/password.ts";
import type { Db } from "../db/client.ts";
import { events, users, userVerifiers } from "../db/schema.ts";
import { DomainError } from "../errors.ts";
import { buildEventRow, type MutationContext } from "../events/event.ts";
import { newId } from "../ids.ts";
import { freeForm, Metadata } from "../input/free-form.ts";
import { NewUserStatusInput } from "./user-status.ts";
import { normalizeUsername, type UserRow } from "./user-wire.ts";

export const USERNAME_TYPES = ["email", "unique-name", "phone"] as const;

export const Password = z.string().min(8, "must be at least 8 characters").max(256);

export const Profile = z.strictObject({
  first_name: z.string().max(200).nullish(),
  last_name: z.string().max(200).nullish(),
  name: z.string().max(400).nullish(),
  picture: z.string().url().nullish(),
  locale: z.string().max(35).nullish(),
  email: z.string().email().nullish(),
  email_verified: z.boolean().nullish(),
  phone_number: z.string().max(40).nullish(),
});

/**
 * Create-user body. Accepts AuthPI's current shape (`username_type`, `username`, `profile`)
 * and the older one (`email`, `display_name`) (docs/decisions/wire-contract.md §3).
 */
export const CreateUserInput = z
  .strictObject({
    username_type: z.enum(USERNAME_TYPES).optional(),
    username: z.string().trim().min(1).max(320).optional(),
    email: z.string().trim().email().max(320).optional(),
    display_name: z.string().max(400).optional(),
    profile: Profile.optional(),
    password: Password.optional(),
    scopes: z.array(z.string().min(1).max(200)).max(500).optional(),
    custom_fields: freeForm().optional(),
    custom_claims: freeForm({ keyLength: 255 }).optional(),
    metadata: Metadata.optional(),
    /** `pending_approval` queues the user for `…/approvals` (an admin approves or rejects). */
    status: NewUserStatusInput.optional(),
  })
  .refine((v) => v.username || v.email, {
    message: "username or email is required",
    path: ["username"],
  })
  .refine(
    (v) => v.username_type !== "email" || !v.username || z.email().safeParse(v.username).success,
    {
      message: "must be an email address when username_type is email",
      path: ["username"],
    },
  );
export type CreateUserInput = z.output<typeof CreateUserInput>;

/** Creates a user (and a password verifier when a password is given) with `user.created`. */
export async function createUser(
  db: Db,
  ctx: MutationContext,
  issuerId: string,
  input: CreateUserInput,
): Promise<UserRow> {
  const { row, writes } = await newUser(db, ctx, issuerId, input);
  await db.batch(writes);
  return row;
}

/**
 * A new user: refuses a taken username, then returns the row and its writes (user, password
 * verifier, `user.created`) for the caller to put in one D1 batch with the rest of its change.
 */
export async function newUser(
  db: Db,
  ctx: MutationContext,
  issuerId: string,
  input: CreateUserInput,
  /** More `user.created` data, e.g. `source: "upstream"` for a just-in-time user. */
  createdData: Record<string, unknown> = {},
) {
  const usernameType = input.username_type ?? (input.username ? "unique-name" : "email");
  const username = normalizeUsername(usernameType, input.username ?? input.email ?? "");
  const taken = await db.query.users.findFirst({
    where: and(eq(users.issuerId, issuerId), eq(users.username, username)),
    columns: { id: true, status: true },
  });
  if (taken?.status === "deleted") {
    throw new DomainError(
      "CONFLICT",
      "A soft-deleted user still holds this username; DELETE them to free it",
    );
  }
  if (taken) throw new DomainError("CONFLICT", "A user with this username already exists");
  const email =
    usernameType === "email" ? username : (input.email?.toLowerCase() ?? input.profile?.email);
  const row: UserRow = {
    id: newId("user", ctx.now),
    accountId: ctx.accountId,
    issuerId,
    usernameType,
    username,
    profile: {
      ...input.profile,
      ...(input.display_name ? { name: input.display_name } : {}),
      ...(email ? { email, email_verified: input.profile?.email_verified ?? false } : {}),
    },
    scopes: input.scopes ?? [],
    customFields: input.custom_fields ?? {},
    customClaims: input.custom_claims ?? {},
    metadata: input.metadata ?? {},
    status: input.status ?? "active",
    statusAt: ctx.now,
    statusReason: null,
    statusBy: null,
    createdAt: ctx.now,
    updatedAt: null,
  };
  const created = [
    db.insert(users).values(row),
    db.insert(events).values(
      buildEventRow(ctx, {
        type: "user.created",
        issuerId,
        subject: { type: "user", id: row.id },
        data: { username_type: usernameType, ...createdData },
      }),
    ),
  ] as const;
  if (!input.password) return { row, writes: created };
  const verifier = db.insert(userVerifiers).values({
    id: newId("verifier", ctx.now),
    userId: row.id,
    issuerId,
    type: "password",
    secretHash: await hashPassword(input.password),
    createdAt: ctx.now,
  });
  return { row, writes: [...created, verifier] as const };
}
