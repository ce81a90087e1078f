// The public face of this aggregate: import it as `@authpi/domain/mail`.
export * from "./address.ts";
export * from "./mail-brand.ts";
export * from "./mail-content.ts";
export * from "./mail-layout.ts";
export * from "./mail-ledger.ts";
export * from "./mail-request.ts";
export * from "./mail-strings.ts";
export * from "./mailer.ts";
export * from "./queue-mail.ts";
export * from "./render-mail.ts";
export * from "./send-mail-request.ts";
export * from "./templates.ts";
