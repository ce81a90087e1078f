/**
 * Input limits (docs/decisions/input-limits.md): every body and free-form map is bounded, so
 * no request can grow a row past D1's limits or store JSON that parsers cannot read back.
 */
export const INPUT_LIMITS = {
  /** Core API request bodies, counted in bytes before parsing. */
  coreBodyBytes: 1024 * 1024,
  /** IdP form and JSON bodies (token, revocation, sign-in forms). */
  idpBodyBytes: 64 * 1024,
  /** Nesting of any JSON body, whatever its schema. */
  bodyDepth: 32,
} as const;

/** Bounds of one free-form map (`metadata`, `custom_fields`, ...), Stripe-like by default. */
export interface FreeFormLimits {
  /** Keys in any one object of the map. */
  keys: number;
  keyLength: number;
  stringLength: number;
  /** The map itself is level 1; each nested object or array adds one. */
  depth: number;
  /** The map serialised as JSON, in UTF-8 bytes. */
  bytes: number;
}

export const METADATA_LIMITS: FreeFormLimits = {
  keys: 50,
  keyLength: 40,
  stringLength: 500,
  depth: 5,
  bytes: 16 * 1024,
};
