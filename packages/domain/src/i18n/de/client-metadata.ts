import type { clientMetadata as en } from "../en/client-metadata.ts";

export const clientMetadata: typeof en = {
  fromHost: ({ host }) =>
    `Diese Anwendung weist sich mit einem Dokument auf ${host} aus. Erlauben Sie es nur, wenn Sie ${host} vertrauen.`,
  hostLabel: "Veröffentlicht von",
};
