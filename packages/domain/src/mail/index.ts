// The public face of this aggregate: import it as `@authpi/domain/mail`.
export * from "./mailer.ts";
