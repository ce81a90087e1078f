import type { MailContent, TemplateInput } from "./mail-content.ts";
import type { MailTemplate } from "./mail-request.ts";

type Template = (input: TemplateInput) => MailContent;

/** The values each template cannot do without (checked before a request is queued). */
export const REQUIRED_VALUES: Record<MailTemplate, readonly string[]> = {
  invitation: ["link", "org"],
  "email-verification": ["link", "code"],
  "password-reset": ["link"],
  "sign-in-code": ["link", "code"],
  "email-change": ["link", "code"],
};

function formatDate(ms: string, locale: string): string {
  const date = new Date(Number(ms));
  if (Number.isNaN(date.getTime())) return ms;
  const options = { dateStyle: "long", timeStyle: "short", timeZone: "UTC" } as const;
  return `${new Intl.DateTimeFormat(locale, options).format(date)} UTC`;
}

const invitation: Template = ({ strings, values, locale }) => {
  const s = strings.invitation;
  const { org = "", inviter, title, message } = values;
  const intro = inviter
    ? title
      ? s.byInviterAs({ inviter, org, title })
      : s.byInviter({ inviter, org })
    : title
      ? s.anonymousAs({ org, title })
      : s.anonymous({ org });
  return {
    subject: s.subject({ org }),
    paragraphs: [intro, ...(message ? [message] : [])],
    action: { label: s.action, link: values.link ?? "" },
    note: values.expires_at ? s.expires({ date: formatDate(values.expires_at, locale) }) : "",
  };
};

/** The shape of the three "link and maybe a code" emails. */
function linkMail(
  pick: (strings: TemplateInput["strings"]) => {
    subject: (p: { issuer: string }) => string;
    greeting: (p: { name: string }) => string;
    intro: string | ((p: { issuer: string }) => string);
    action: string;
    expires: string;
  },
): Template {
  return ({ strings, values, brand }) => {
    const s = pick(strings);
    const issuer = brand.name;
    return {
      subject: s.subject({ issuer }),
      paragraphs: [
        ...(values.name ? [s.greeting({ name: values.name })] : []),
        typeof s.intro === "string" ? s.intro : s.intro({ issuer }),
      ],
      action: { label: s.action, link: values.link ?? "" },
      code: values.code,
      note: `${s.expires} ${strings.ignore}`,
    };
  };
}

/** One template per message, all rendered through the same branded frame. */
export const TEMPLATES: Record<MailTemplate, Template> = {
  invitation,
  "email-verification": linkMail((s) => s.emailVerification),
  "password-reset": linkMail((s) => s.passwordReset),
  "sign-in-code": linkMail((s) => s.signInCode),
  "email-change": linkMail((s) => s.emailChange),
};
