/** The document's introduction: what every operation shares. */
export const API_DESCRIPTION = `Manage issuers, clients, users, organizations, webhooks and
events of an AuthPI Edge deployment. The wire format is AuthPI's Core API, so the official
\`authpi-admin\` SDK works unchanged.

- **Authentication**: HTTP Basic with an API key, \`key_id\` as the username and its secret as the
  password. Each operation names the scope it needs.
- **Envelopes**: a resource comes as \`{"data": ...}\`; a list as \`{"data": [...], "has_more",
  "next_cursor"}\` (pass \`cursor\` for the next page, \`limit\` up to 100); an error as
  \`{"error": {"type", "code", "message", ...}}\`. Unknown fields and query parameters are refused
  with a 422 that names them.
- **Retries and concurrency**: POSTs honour \`Idempotency-Key\`; resources carry an \`ETag\` and
  updates honour \`If-Match\`.
- **Times** are Unix milliseconds.`;
