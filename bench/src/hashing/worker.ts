// Password hashing alone, on workerd: `POST /<operation>?n=N` runs one operation N times, so
// the workerd process's CPU over a batch is the CPU of one operation (no HTTP, D1 or DO in it).
import {
  DUMMY_PASSWORD_HASH,
  hashPassword,
  hashPbkdf2,
  verifyPassword,
} from "@authpi/domain/crypto";

const PASSWORD = "correct horse battery staple";
let stored: Promise<{ argon2id: string; pbkdf2: string }> | undefined;

function storedHashes() {
  stored ??= (async () => ({
    argon2id: await hashPassword(PASSWORD),
    pbkdf2: await hashPbkdf2(PASSWORD),
  }))();
  return stored;
}

const OPERATIONS: Record<string, () => Promise<unknown>> = {
  "argon2id-hash": () => hashPassword(PASSWORD),
  "argon2id-verify": async () => verifyPassword(PASSWORD, (await storedHashes()).argon2id),
  "pbkdf2-verify": async () => verifyPassword(PASSWORD, (await storedHashes()).pbkdf2),
  "pbkdf2-upgrade": async () => {
    await verifyPassword(PASSWORD, (await storedHashes()).pbkdf2);
    return hashPassword(PASSWORD);
  },
  "unknown-user": () => verifyPassword(PASSWORD, DUMMY_PASSWORD_HASH),
};

export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const operation = OPERATIONS[url.pathname.slice(1)];
    if (request.method !== "POST" || !operation) return new Response("ok");
    await storedHashes();
    const n = Math.min(Number(url.searchParams.get("n") ?? 1), 50);
    for (let i = 0; i < n; i++) await operation();
    return new Response(String(n));
  },
};
