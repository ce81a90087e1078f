import { z } from "zod";
import { DomainError } from "../errors.ts";
import type { EventType } from "../events/catalogue.ts";

/**
 * AuthPI's user statuses: `active` signs in; `suspended` is an admin's temporary block;
 * `disabled` is a permanent block that keeps the data; `deleted` is a soft delete awaiting
 * removal; `pending_approval` waits in the signup approval queue (`…/approvals`)
 * (docs/decisions/bulk-and-statuses.md, docs/decisions/sdk-resources.md).
 */
export const USER_STATUSES = [
  "active",
  "suspended",
  "disabled",
  "deleted",
  "pending_approval",
] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** `blocked` is the legacy API's word (and flag) for a temporary block: `suspended`. */
const LEGACY_BLOCKED = "suspended" satisfies UserStatus;

/** A status in a request or a filter: one of AuthPI's, or `blocked` meaning `suspended`. */
export const UserStatusInput = z
  .enum([...USER_STATUSES, "blocked"])
  .transform((status): UserStatus => (status === "blocked" ? LEGACY_BLOCKED : status));

/** The status a new user may start in: never `deleted`. */
export const NewUserStatusInput = z
  .enum(["active", "suspended", "disabled", "pending_approval", "blocked"])
  .transform((status): UserStatus => (status === "blocked" ? LEGACY_BLOCKED : status));

/** The legacy `blocked` flag as a status: true blocks (`suspended`), false reactivates. */
export function statusFromBlockedFlag(blocked: boolean): UserStatus {
  return blocked ? LEGACY_BLOCKED : "active";
}

/** A stored status read as AuthPI's (rows written before `blocked` became an alias). */
export function userStatusOf(stored: string): UserStatus {
  return (USER_STATUSES as readonly string[]).includes(stored)
    ? (stored as UserStatus)
    : LEGACY_BLOCKED;
}

/**
 * Where each status may go: `disabled` only to `deleted`, `deleted` nowhere, and nothing back
 * into the approval queue (an approval decides once).
 */
const NEXT: Record<UserStatus, readonly UserStatus[]> = {
  active: ["suspended", "disabled", "deleted"],
  suspended: ["active", "disabled", "deleted"],
  disabled: ["deleted"],
  deleted: [],
  pending_approval: ["active", "suspended", "disabled", "deleted"],
};

/** Refuses a move the lifecycle does not allow (409), e.g. reactivating a disabled user. */
export function checkStatusChange(from: string, to: UserStatus): void {
  const current = userStatusOf(from);
  if (current === to || NEXT[current].includes(to)) return;
  const why =
    to === "pending_approval"
      ? "only a new user waits for approval"
      : current === "deleted"
        ? "a deleted user cannot change status; DELETE removes them for good"
        : "a disabled user is blocked for good; it can only be deleted";
  throw new DomainError("CONFLICT", `cannot change status from ${current} to ${to}: ${why}`);
}

/** The event a status change records (the SDK's `user.blocked`, `user.unblocked`, `user.deleted`). */
export function statusEventType(to: UserStatus): EventType {
  if (to === "active") return "user.unblocked";
  return to === "deleted" ? "user.deleted" : "user.blocked";
}

/** Why the store ends the sessions of a user who left `active`. */
export function sessionEndReason(to: UserStatus): "user_blocked" | "user_deleted" {
  return to === "deleted" ? "user_deleted" : "user_blocked";
}
