import type { MailBrand } from "./mail-brand.ts";
import { layoutMail, type RenderedMail } from "./mail-layout.ts";
import type { MailTemplate } from "./mail-request.ts";
import { mailStrings } from "./mail-strings.ts";
import { TEMPLATES } from "./templates.ts";

/**
 * Renders one email: the template's content in the request's language (English when it is not
 * shipped), framed with the issuer's branding, as a subject, a plain-text and an HTML part.
 */
export function renderMail(
  template: MailTemplate,
  values: Record<string, string>,
  brand: MailBrand,
  locale: string,
): RenderedMail {
  const { locale: used, strings } = mailStrings(locale);
  const content = TEMPLATES[template]({ strings, values, brand, locale: used });
  return layoutMail(content, brand, strings, used);
}
