import type { IncomingMessage, ServerResponse } from "node:http";
import type Provider from "oidc-provider";
import { type PasswordHash, verifyPassword } from "./password.ts";

export interface PeerUser {
  id: string;
  username: string;
  password: PasswordHash;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(uid: string, error = ""): string {
  return `<!doctype html><html><body><h1>Sign in</h1>${error ? `<p>${escapeHtml(error)}</p>` : ""}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<input type="email" name="username" autocomplete="username">
<input type="password" name="password" autocomplete="current-password">
<button type="submit">Sign in</button></form></body></html>`;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

/** The login interaction: a form, then a PBKDF2 check, then back to oidc-provider. */
export async function handleInteraction(
  provider: Provider,
  user: PeerUser,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  if (req.method === "GET") {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(loginPage(details.uid));
    return;
  }
  const form = await readForm(req);
  const ok =
    form.get("username")?.toLowerCase() === user.username &&
    (await verifyPassword(form.get("password") ?? "", user.password));
  if (!ok) {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(loginPage(details.uid, "Wrong username or password"));
    return;
  }
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: user.id } },
    { mergeWithLastSubmission: false },
  );
}
