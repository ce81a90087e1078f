import { z } from "zod";
import { freeForm } from "../input/free-form.ts";
import { contrastRatio, HEX_COLOR, MIN_CONTRAST } from "./brand-color.ts";

/** Button text is white, so a brand colour must reach WCAG AA contrast against white. */
const PrimaryColor = z
  .string()
  .regex(HEX_COLOR, "must be a hex colour, #rgb or #rrggbb")
  .superRefine((color, ctx) => {
    if (!HEX_COLOR.test(color)) return;
    const ratio = contrastRatio(color, "#ffffff");
    if (ratio >= MIN_CONTRAST) return;
    ctx.addIssue({
      code: "custom",
      message: `${color} has a contrast ratio of ${ratio.toFixed(2)}:1 against white; at least ${MIN_CONTRAST}:1 is required (WCAG 2.2 SC 1.4.3)`,
    });
  });

const LogoUrl = z
  .string()
  .max(2000)
  .refine((value) => /^https?:$/.test(URL.parse(value)?.protocol ?? ""), "must be an http(s) URL");

/**
 * `settings.branding`: a free-form map (URLs up to 2,000 chars) whose known keys are checked:
 * `display_name`, `logo_url`, `primary_color` (docs/decisions/branding.md). The known keys come
 * first so that the API description documents them.
 */
export const BrandingSettings = z
  .looseObject({
    display_name: z.string().trim().min(1).max(200).optional().meta({
      description:
        'The name hosted pages and emails show ("Sign in to …"); the issuer\'s `name` when absent.',
    }),
    logo_url: LogoUrl.optional().meta({
      description:
        "An http(s) URL of the logo shown at the top of every hosted page and email, used as given (alt text: the display name).",
    }),
    primary_color: PrimaryColor.optional().meta({
      description: `The colour of buttons and links, \`#rgb\` or \`#rrggbb\`, used as given. Buttons carry white text, so a colour whose contrast against white is below ${MIN_CONTRAST}:1 (WCAG 2.2 SC 1.4.3) is refused with 422.`,
      examples: ["#7b2cbf"],
    }),
  })
  .pipe(freeForm({ stringLength: 2000 }))
  .meta({
    description:
      "How hosted pages and emails look. Other keys are kept as given (free-form, strings up to 2,000 characters).",
  });
