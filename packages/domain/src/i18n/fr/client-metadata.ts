import type { clientMetadata as en } from "../en/client-metadata.ts";

export const clientMetadata: typeof en = {
  fromHost: ({ host }) =>
    `Cette application s’identifie par un document publié sur ${host}. Ne l’autorisez que si vous faites confiance à ${host}.`,
  hostLabel: "Publié par",
};
