import { z } from "zod";

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** True for a DNS host name of two or more labels (RFC 1123 §2.1), not an IP address. */
export function isHostName(host: string): boolean {
  if (host.length > 253 || /^[0-9.]+$/.test(host)) return false;
  const labels = host.split(".");
  return labels.length >= 2 && labels.every((label) => LABEL.test(label));
}

/** A host name as domains store it: trimmed, lowercased, without a trailing dot. */
export const HostName = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .transform((host) => host.replace(/\.$/, ""))
  .refine(isHostName, "must be a DNS host name such as auth.example.com (ASCII or punycode)");
