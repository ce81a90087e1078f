export interface FormField {
  tag: "input" | "button";
  name: string;
  value: string;
  type: string;
}

export interface HtmlForm {
  action: string;
  method: string;
  fields: FormField[];
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, entity: string) => {
    if (entity[0] === "#") {
      const hex = entity[1]?.toLowerCase() === "x";
      return String.fromCodePoint(Number.parseInt(entity.slice(hex ? 2 : 1), hex ? 16 : 10));
    }
    return ENTITIES[entity.toLowerCase()] ?? whole;
  });
}

function attributes(tag: string): Record<string, string> {
  const found: Record<string, string> = {};
  const pattern = /([a-z_:][-\w:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/gi;
  for (const match of tag.replace(/^<\w+/, "").matchAll(pattern)) {
    found[match[1]!.toLowerCase()] = decode(match[2] ?? match[3] ?? match[4] ?? "");
  }
  return found;
}

/** The forms of an HTML page with their submittable fields (a parser for login pages, not a browser). */
export function parseForms(html: string): HtmlForm[] {
  return [...html.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/gi)].map((match) => {
    const block = match[0];
    const form = attributes(block.slice(0, block.indexOf(">") + 1));
    const fields = [...block.matchAll(/<(input|button)\b[^>]*>/gi)].map((field) => {
      const attrs = attributes(field[0]);
      const tag = field[1]!.toLowerCase() as FormField["tag"];
      const type = (attrs.type ?? (tag === "button" ? "submit" : "text")).toLowerCase();
      return { tag, name: attrs.name ?? "", value: attrs.value ?? "", type };
    });
    return { action: form.action ?? "", method: (form.method ?? "get").toLowerCase(), fields };
  });
}

/**
 * The body a person submits on a login form: hidden fields as given, the username in the first
 * text-like field, the password in the password field, and the first named submit button.
 */
export function fillLoginForm(form: HtmlForm, username: string, password: string): URLSearchParams {
  const body = new URLSearchParams();
  let usernameSet = false;
  let submitSet = false;
  for (const field of form.fields) {
    if (!field.name) continue;
    if (field.type === "password") body.append(field.name, password);
    else if (["text", "email", "tel"].includes(field.type) && !usernameSet) {
      body.append(field.name, username);
      usernameSet = true;
    } else if (field.type === "submit") {
      if (!submitSet) body.append(field.name, field.value);
      submitSet = true;
    } else if (!["checkbox", "radio", "reset", "button", "image", "file"].includes(field.type)) {
      body.append(field.name, field.value);
    }
  }
  return body;
}

/** The first form with a password field: the login form. */
export function findLoginForm(html: string): HtmlForm | undefined {
  return parseForms(html).find((form) => form.fields.some((field) => field.type === "password"));
}
