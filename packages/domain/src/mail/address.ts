/** The address part of `Name <addr@host>` (or the whole value when it is a bare address). */
export function addressOf(mailbox: string): string {
  const match = /<([^<>]+)>\s*$/.exec(mailbox);
  return (match?.[1] ?? mailbox).trim();
}

/**
 * A mailbox `"Display Name" <addr>` (RFC 5322 §3.4): the name quoted, its quotes and
 * backslashes escaped, line breaks removed so a name can never add a header.
 */
export function formatMailbox(name: string, address: string): string {
  const clean = name.replace(/[\r\n]+/g, " ").trim();
  if (!clean) return address;
  return `"${clean.replace(/["\\]/g, (ch) => `\\${ch}`)}" <${address}>`;
}

/** The From of one email: the issuer's name (when given) with the configured address. */
export function fromHeader(configured: string, name: string | undefined): string {
  return name ? formatMailbox(name, addressOf(configured)) : configured;
}
