import { fromBase64Url, toBase64Url } from "@authpi/domain/crypto";

/** A minimal CBOR encoder (RFC 8949) for what an attestation object holds. */
type Cbor = number | string | Uint8Array | Map<number | string, Cbor>;

function head(major: number, length: number): number[] {
  if (length < 24) return [(major << 5) | length];
  if (length < 256) return [(major << 5) | 24, length];
  return [(major << 5) | 25, length >> 8, length & 0xff];
}

function cbor(value: Cbor): number[] {
  if (typeof value === "number") return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === "string") {
    const bytes = new TextEncoder().encode(value);
    return [...head(3, bytes.length), ...bytes];
  }
  if (value instanceof Uint8Array) return [...head(2, value.length), ...value];
  return [...head(5, value.size), ...[...value].flatMap(([k, v]) => [...cbor(k), ...cbor(v)])];
}

const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
const sha256 = async (bytes: Uint8Array) =>
  new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>));
const u32 = (n: number) => Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);

/** An ECDSA P-256 signature as WebAuthn wants it: ASN.1 DER, not WebCrypto's r||s. */
function der(raw: Uint8Array): Uint8Array {
  const int = (bytes: Uint8Array) => {
    let i = 0;
    while (i < bytes.length - 1 && bytes[i] === 0) i++;
    const trimmed = bytes.slice(i);
    const body = (trimmed[0] ?? 0) & 0x80 ? concat(Uint8Array.of(0), trimmed) : trimmed;
    return concat(Uint8Array.of(0x02, body.length), body);
  };
  const seq = concat(int(raw.slice(0, 32)), int(raw.slice(32)));
  return concat(Uint8Array.of(0x30, seq.length), seq);
}

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_BE = 0x08;
const FLAG_BS = 0x10;
const FLAG_AT = 0x40;

export interface CeremonyOverrides {
  origin?: string;
  rpId?: string;
  counter?: number;
  userVerified?: boolean;
}

/** A passkey authenticator in software: an ES256 key from WebCrypto, "none" attestation. */
export class SoftwareAuthenticator {
  readonly credentialId = crypto.getRandomValues(new Uint8Array(16));
  counter = 0;
  #keys: CryptoKeyPair | null = null;
  #userHandle: string | null = null;

  constructor(
    readonly origin: string,
    readonly rpId: string,
  ) {}

  async #pair(): Promise<CryptoKeyPair> {
    this.#keys ??= (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
      "sign",
      "verify",
    ])) as CryptoKeyPair;
    return this.#keys;
  }

  async #authData(rpId: string, flags: number, counter: number, attested?: Uint8Array) {
    const rpIdHash = await sha256(new TextEncoder().encode(rpId));
    return concat(rpIdHash, Uint8Array.of(flags), u32(counter), attested ?? new Uint8Array());
  }

  #clientData(type: string, challenge: string, origin: string): Uint8Array {
    return new TextEncoder().encode(
      JSON.stringify({ type, challenge, origin, crossOrigin: false }),
    );
  }

  /** Answers `navigator.credentials.create()` options (WebAuthn §6.3.2, §6.5.1). */
  async create(
    options: { challenge: string; user: { id: string } },
    overrides: CeremonyOverrides = {},
  ) {
    this.#userHandle = options.user.id;
    const jwk = (await crypto.subtle.exportKey(
      "jwk",
      (
        await this.#pair()
      ).publicKey,
    )) as JsonWebKey;
    const cose = new Map<number, Cbor>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, fromBase64Url(jwk.x as string)],
      [-3, fromBase64Url(jwk.y as string)],
    ]);
    const attested = concat(
      new Uint8Array(16),
      Uint8Array.of(0, this.credentialId.length),
      this.credentialId,
      Uint8Array.from(cbor(cose)),
    );
    const flags = FLAG_UP | FLAG_UV | FLAG_BE | FLAG_BS | FLAG_AT;
    const authData = await this.#authData(overrides.rpId ?? this.rpId, flags, 0, attested);
    const attestation = new Map<string, Cbor>([
      ["fmt", "none"],
      ["attStmt", new Map()],
      ["authData", authData],
    ]);
    const clientData = this.#clientData(
      "webauthn.create",
      options.challenge,
      overrides.origin ?? this.origin,
    );
    const id = toBase64Url(this.credentialId);
    return {
      id,
      rawId: id,
      type: "public-key" as const,
      response: {
        clientDataJSON: toBase64Url(clientData),
        attestationObject: toBase64Url(Uint8Array.from(cbor(attestation))),
        transports: ["internal"],
      },
      clientExtensionResults: {},
    };
  }

  /** Answers `navigator.credentials.get()` options with a signed assertion (WebAuthn §6.3.3). */
  async get(options: { challenge: string }, overrides: CeremonyOverrides = {}) {
    if (overrides.counter === undefined) this.counter += 1;
    const counter = overrides.counter ?? this.counter;
    const flags = FLAG_UP | FLAG_BE | FLAG_BS | (overrides.userVerified === false ? 0 : FLAG_UV);
    const authData = await this.#authData(overrides.rpId ?? this.rpId, flags, counter);
    const clientData = this.#clientData(
      "webauthn.get",
      options.challenge,
      overrides.origin ?? this.origin,
    );
    const signed = concat(authData, await sha256(clientData));
    const raw = await crypto.subtle.sign(
      { name: "ECDSA", hash: "SHA-256" },
      (await this.#pair()).privateKey,
      signed as Uint8Array<ArrayBuffer>,
    );
    const id = toBase64Url(this.credentialId);
    return {
      id,
      rawId: id,
      type: "public-key" as const,
      response: {
        clientDataJSON: toBase64Url(clientData),
        authenticatorData: toBase64Url(authData),
        signature: toBase64Url(der(new Uint8Array(raw))),
        ...(this.#userHandle ? { userHandle: this.#userHandle } : {}),
      },
      clientExtensionResults: {},
    };
  }
}
