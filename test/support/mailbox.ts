// Reads the emails a local system sent, the way a person would: the .eml files the log
// transport keeps (RFC 5322, parsed with postal-mime), newest last.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import PostalMime from "postal-mime";
import { vi } from "vitest";

export interface ReceivedMail {
  file: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Every http(s) URL in the text part, in order. */
  links: string[];
  /** The first 6-digit word of the text part (a sign-in or verification code). */
  code: string | null;
}

async function parse(file: string): Promise<ReceivedMail> {
  const mail = await PostalMime.parse(await readFile(file));
  const text = mail.text ?? "";
  return {
    file,
    to: (mail.to ?? []).map((a) => ("address" in a ? (a.address ?? "") : "").toLowerCase()),
    subject: mail.subject ?? "",
    text,
    html: mail.html ?? "",
    links: text.match(/https?:\/\/[^\s<>"]+/g) ?? [],
    // A word of its own: six digits inside a link (issuer id, token) are not the code.
    code: /(?:^|\s)(\d{6})(?=[\s.,;:!?)]|$)/.exec(text)?.[1] ?? null,
  };
}

/** Every email in `mailDir` to `to` (case-insensitive), oldest first (file names sort by time). */
export async function mailsTo(mailDir: string, to: string): Promise<ReceivedMail[]> {
  const names = (await readdir(mailDir).catch(() => [] as string[])).filter((n) =>
    n.endsWith(".eml"),
  );
  const all = await Promise.all(names.sort().map((n) => parse(path.join(mailDir, n))));
  return all.filter((m) => m.to.includes(to.toLowerCase()));
}

/**
 * Waits until `to` has received more than `seen` emails (and, with `subject`, one whose subject
 * matches) and returns the newest such email.
 */
export async function waitForMail(
  mailDir: string,
  to: string,
  options: { seen?: number; subject?: RegExp; timeout?: number } = {},
): Promise<ReceivedMail> {
  return vi.waitFor(
    async () => {
      const mails = (await mailsTo(mailDir, to)).slice(options.seen ?? 0);
      const match = mails.filter((m) => !options.subject || options.subject.test(m.subject)).at(-1);
      if (!match) throw new Error(`no new email to ${to} in ${mailDir}`);
      return match;
    },
    { timeout: options.timeout ?? 20_000, interval: 200 },
  );
}
