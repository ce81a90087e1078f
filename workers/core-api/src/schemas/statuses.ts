import { ApiErrorSchema } from "./common.ts";

const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: ApiErrorSchema } },
});

/** 409 and 412, for routes that change state under If-Match or uniqueness rules. */
export const conflictResponses = {
  409: errorResponse("The request conflicts with the current state of the resource"),
  412: errorResponse("The resource changed since the If-Match tag was read"),
} as const;

/** 503, for routes that depend on an outside service (the DNS resolver). */
export const unavailableResponses = {
  503: errorResponse("An outside service the request needs could not answer"),
} as const;
