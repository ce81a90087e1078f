import type { MailStrings } from "../i18n/en/mail.ts";
import type { MailBrand } from "./mail-brand.ts";

/** What one email says, before the branded frame turns it into HTML and plain text. */
export interface MailContent {
  subject: string;
  paragraphs: string[];
  action: { label: string; link: string };
  /** A one-time code to type instead of following the link. */
  code?: string | undefined;
  note: string;
}

/** What a template reads: the language's strings, the request's values, the issuer's brand. */
export interface TemplateInput {
  strings: MailStrings;
  values: Record<string, string>;
  brand: MailBrand;
  locale: string;
}
