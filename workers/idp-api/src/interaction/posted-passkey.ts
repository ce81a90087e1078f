import { isDomainError } from "@authpi/domain/errors";
import type { MutationContext } from "@authpi/domain/events";
import { RegistrationResponse, registerPasskey } from "@authpi/domain/passkeys";
import type { Context } from "hono";
import type { PageEnv } from "./contract.ts";
import { passkeyDeps } from "./passkey-deps.ts";

/** The browser's WebAuthn answer a passkey form posts (`passkey_response`, JSON), or null. */
export function parsedResponse(form: URLSearchParams): unknown {
  try {
    return JSON.parse(form.get("passkey_response") ?? "");
  } catch {
    return null;
  }
}

/**
 * Registers the passkey a form posted for `userId` (enrollment, the offer after sign-in, the
 * portal): the stored verifier, or null when the answer is malformed or the ceremony refused it.
 */
export async function registerPostedPasskey(
  c: Context<PageEnv>,
  ctx: MutationContext,
  userId: string,
  form: URLSearchParams,
) {
  const response = RegistrationResponse.safeParse(parsedResponse(form));
  if (!response.success) return null;
  return registerPasskey(await passkeyDeps(c), ctx, userId, { response: response.data }).catch(
    (error: unknown) => {
      if (isDomainError(error)) return null;
      throw error;
    },
  );
}
