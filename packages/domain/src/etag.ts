import { DomainError } from "./errors.ts";

/** A weak-free version tag from the row's last change (ms), quoted per RFC 9110 §8.8.3. */
export function etagOf(row: { createdAt: number; updatedAt: number | null }): string {
  return `"${row.updatedAt ?? row.createdAt}"`;
}

/**
 * The `updated_at` of a change made at `now`: strictly after the row's last change, so the
 * ETag moves even when two changes land in the same millisecond.
 */
export function nextUpdatedAt(
  row: { createdAt: number; updatedAt: number | null },
  now: number,
): number {
  return Math.max(now, (row.updatedAt ?? row.createdAt) + 1);
}

/** Optimistic concurrency (RFC 9110 §13.1.1): a stale `If-Match` is 412 with the current tag. */
export function checkIfMatch(ifMatch: string | null | undefined, current: string): void {
  if (!ifMatch || ifMatch.trim() === "*") return;
  const tags = ifMatch.split(",").map((tag) => tag.trim().replace(/^W\//, ""));
  if (!tags.includes(current)) {
    throw new DomainError(
      "PRECONDITION_FAILED",
      "The resource has been modified since the provided ETag. Fetch the latest version and retry.",
      {
        // The SDK reads `current_etag`; AuthPI's docs spell it `currentETag` (docs/decisions/sdk-compatibility.md).
        extra: { current_etag: current, currentETag: current },
      },
    );
  }
}
