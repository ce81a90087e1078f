/** Texts for a client known only by its metadata document URL (docs/client-id-metadata.md). */
export const clientMetadata = {
  fromHost: ({ host }: { host: string }) =>
    `This application identifies itself by a document on ${host}. Allow it only if you trust ${host}.`,
  hostLabel: "Published by",
};
