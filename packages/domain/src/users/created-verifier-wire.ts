import { type CreatedUserVerifier, userVerifierToWire } from "./user-verifiers.ts";

/**
 * The 201 of Create User Verifier. authpi-admin reads every creation as a TOTP enrollment
 * (`enrollment_id`, `secret`, `provisioning_uri`, `expires_at`); a password is active at once,
 * so it answers the verifier itself with those four filled honestly: its id, nothing to
 * provision (the password is never echoed) and an enrollment that ended when it began.
 */
export function createdVerifierToWire(created: CreatedUserVerifier) {
  if (created.kind === "enrollment") return created.enrollment;
  const verifier = userVerifierToWire(created.verifier);
  return {
    ...verifier,
    enrollment_id: verifier.id,
    secret: "",
    provisioning_uri: "",
    expires_at: verifier.created_at,
  };
}
