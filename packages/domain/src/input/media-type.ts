/** The media type of a Content-Type header, lower-cased, without parameters (RFC 9110 §8.3.1). */
export function mediaType(header: string | null | undefined): string {
  return (header ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}
