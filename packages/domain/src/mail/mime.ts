import { createMimeMessage } from "mimetext/browser";
import { sha256Hex } from "../crypto/hash.ts";
import { addressOf } from "./address.ts";
import type { MailMessage } from "./mailer.ts";

/** Base64 in lines of 76 characters, as RFC 2045 §6.8 asks of a base64 body. */
function base64Lines(base64: string): string {
  return base64.replace(/.{1,76}/g, "$&\r\n").trimEnd();
}

/** One email as an RFC 5322 message: multipart/alternative with a text and an HTML part. */
export async function buildMime(
  message: MailMessage & { from: string },
  now: number,
): Promise<string> {
  const mime = createMimeMessage();
  const from = addressOf(message.from);
  mime.setSender(message.fromName ? { name: message.fromName, addr: from } : message.from);
  mime.setRecipient(message.to);
  mime.setSubject(message.subject);
  mime.setHeader("Date", new Date(now).toUTCString());
  // One request, one Message-ID: a receiver that saw it already can tell (RFC 5322 §3.6.4).
  const id = message.key ? (await sha256Hex(message.key)).slice(0, 32) : crypto.randomUUID();
  mime.setHeader("Message-ID", `<${id}@${from.split("@")[1] ?? "authpi.local"}>`);
  for (const [contentType, data] of [
    ["text/plain", message.text],
    ["text/html", message.html],
  ] as const) {
    mime.addMessage({ contentType, encoding: "base64", data: base64Lines(mime.toBase64(data)) });
  }
  return mime.asRaw();
}
