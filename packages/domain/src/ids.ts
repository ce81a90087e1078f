/** Id prefixes of the AuthPI wire contract (`acc_`, `i_`, `c_`, ...). */
export const ID_PREFIX = {
  account: "acc",
  issuer: "i",
  client: "c",
  user: "usr",
  organization: "org",
  membership: "mem",
  agent: "agt",
  apiKey: "key",
  webhook: "wh",
  delivery: "dlv",
  attempt: "att",
  event: "evt",
  invitation: "inv",
  session: "s",
  verifier: "vrf",
  personalToken: "tok",
  authMethod: "am",
  group: "grp",
  note: "note",
  creditEntry: "cle",
  trustedDevice: "tdv",
  identity: "idn",
  registrationToken: "rgt",
} as const;

export type IdKind = keyof typeof ID_PREFIX;

// Crockford's alphabet keeps lexicographic order equal to numeric order.
const BASE32 = "0123456789abcdefghjkmnpqrstvwxyz";
// AuthPI spells API key and agent ids as 32 hex characters.
const HEX_KINDS: ReadonlySet<IdKind> = new Set(["apiKey", "agent"]);

let lastMs = 0;
let sequence = 0;

/** 16 bytes of a UUIDv7 (RFC 9562 §5.7), monotonic within one isolate. */
export function uuidv7Bytes(now: number = Date.now()): Uint8Array {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  if (now <= lastMs) {
    sequence = (sequence + 1) & 0xfff;
    if (sequence === 0) lastMs += 1;
  } else {
    lastMs = now;
    sequence = ((bytes[6] ?? 0) << 4) & 0x7ff;
  }
  const ms = lastMs;
  bytes[0] = Math.floor(ms / 2 ** 40) & 0xff;
  bytes[1] = Math.floor(ms / 2 ** 32) & 0xff;
  bytes[2] = (ms >>> 24) & 0xff;
  bytes[3] = (ms >>> 16) & 0xff;
  bytes[4] = (ms >>> 8) & 0xff;
  bytes[5] = ms & 0xff;
  bytes[6] = 0x70 | (sequence >>> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  return bytes;
}

/** The 122 payload bits of a UUIDv7 (version and variant removed) as 25 base32 characters. */
function encodeBase32(bytes: Uint8Array): string {
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  const low62 = bits & ((1n << 62n) - 1n);
  const randA = (bits >> 64n) & 0xfffn;
  const ms = bits >> 80n;
  let payload = (((ms << 12n) | randA) << 62n) | low62;
  let out = "";
  for (let i = 0; i < 25; i++) {
    out = BASE32[Number(payload & 31n)] + out;
    payload >>= 5n;
  }
  return out;
}

function encodeHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** A new time-ordered id with the wire prefix for `kind`, e.g. `usr_01jq...`. */
export function newId(kind: IdKind, now?: number): string {
  const bytes = uuidv7Bytes(now);
  const body = HEX_KINDS.has(kind) ? encodeHex(bytes) : encodeBase32(bytes);
  return `${ID_PREFIX[kind]}_${body}`;
}

/** True when `value` looks like an id of `kind` (prefix and a plausible body). */
export function isId(kind: IdKind, value: string): boolean {
  const prefix = `${ID_PREFIX[kind]}_`;
  return value.startsWith(prefix) && /^[0-9a-z]{8,64}$/.test(value.slice(prefix.length));
}
