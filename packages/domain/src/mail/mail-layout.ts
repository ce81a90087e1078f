import type { MailStrings } from "../i18n/en/mail.ts";
import type { MailBrand } from "./mail-brand.ts";
import type { MailContent } from "./mail-content.ts";
import { escapeHtml } from "./mailer.ts";

/** One email's three parts, ready for any transport. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

function textPart(content: MailContent, brand: MailBrand, s: MailStrings): string {
  return [
    brand.name,
    "",
    ...content.paragraphs.flatMap((p) => [p, ""]),
    `${content.action.label}: ${content.action.link}`,
    ...(content.code ? ["", `${s.codeIntro} ${content.code}`] : []),
    ...(content.note ? ["", content.note] : []),
    "",
    "--",
    s.sentBy({ issuer: brand.name }),
    ...brand.links.map((l) => `${s.links[l.kind]}: ${l.url}`),
  ].join("\n");
}

function htmlPart(content: MailContent, brand: MailBrand, s: MailStrings, locale: string) {
  const e = escapeHtml;
  const color = e(brand.primaryColor);
  const link = e(content.action.link);
  const head = brand.logoUrl
    ? `<img src="${e(brand.logoUrl)}" alt="${e(brand.name)}" height="40" style="max-height:40px;max-width:200px">`
    : `<p style="margin:0;font-size:20px;font-weight:600">${e(brand.name)}</p>`;
  const small = "font-size:13px;line-height:1.5;color:#52525b";
  return `<!doctype html>
<html lang="${e(locale)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark"><title>${e(content.subject)}</title></head>
<body style="margin:0;padding:24px 12px;background:#f4f4f5;color:#18181b;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:32px 24px">
${head}
${content.paragraphs.map((p) => `<p style="font-size:16px;line-height:1.5">${e(p)}</p>`).join("\n")}
<p style="margin:24px 0"><a href="${link}" style="display:inline-block;background:${color};color:#ffffff;padding:12px 20px;border-radius:6px;font-weight:600;text-decoration:none">${e(content.action.label)}</a></p>
<p style="${small}">${e(s.linkFallback)}<br><a href="${link}" style="color:${color};word-break:break-all">${link}</a></p>
${content.code ? `<p style="font-size:16px">${e(s.codeIntro)}</p>\n<p style="font-family:ui-monospace,monospace;font-size:28px;font-weight:700;letter-spacing:6px">${e(content.code)}</p>` : ""}
${content.note ? `<p style="${small}">${e(content.note)}</p>` : ""}
<hr style="border:none;border-top:1px solid #e4e4e7;margin:24px 0">
<p style="${small}">${e(s.sentBy({ issuer: brand.name }))}${brand.links.map((l) => ` · <a href="${e(l.url)}" style="color:${color}">${e(s.links[l.kind])}</a>`).join("")}</p>
</div>
</body>
</html>`;
}

/** Puts the content in the issuer's branded frame: the subject, a plain-text and an HTML part. */
export function layoutMail(
  content: MailContent,
  brand: MailBrand,
  strings: MailStrings,
  locale: string,
): RenderedMail {
  return {
    subject: content.subject,
    text: textPart(content, brand, strings),
    html: htmlPart(content, brand, strings, locale),
  };
}
