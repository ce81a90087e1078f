import { randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { Response } from "miniflare";
import PostalMime from "postal-mime";

/**
 * The dispatcher's `MAIL_OUTBOX` under the local system: workerd cannot write files, so the log
 * transport hands each MIME message here, which keeps it as an RFC 5322 `.eml` file in `dir`
 * and prints its recipient, subject, text part and file.
 */
export function mailOutbox(dir: string, print: (line: string) => void) {
  return async function keepMail(request: { text(): Promise<string> }) {
    const raw = await request.text();
    await mkdir(dir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    const file = path.join(dir, `${stamp}-${randomUUID().slice(0, 8)}.eml`);
    await writeFile(file, raw, { mode: 0o600 });
    const mail = await PostalMime.parse(raw);
    const to = mail.to?.map((t) => t.address).join(", ");
    print(
      `[mail] to ${to}: ${mail.subject}\n${mail.text?.trimEnd() ?? ""}\n[mail] kept as ${file}`,
    );
    return new Response(null, { status: 204 });
  };
}
