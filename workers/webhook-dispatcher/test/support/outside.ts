import { inject } from "vitest";
import type { Behaviour, Received } from "./outside-world.ts";

const base = () => inject("outsideUrl");

/** A webhook receiver of its own for one test: its URL, its script and what it got. */
export function receiver(channel = crypto.randomUUID()) {
  return {
    url: `${base()}/hooks/${channel}`,
    async script(...behaviours: Behaviour[]) {
      await fetch(`${base()}/_script/${channel}`, {
        method: "POST",
        body: JSON.stringify(behaviours),
      });
    },
    async received(): Promise<Received[]> {
      return (await fetch(`${base()}/_received/${channel}`)).json();
    },
  };
}

/** The fake DNS-over-HTTPS endpoint, and the queries it answered ("name TYPE"). */
export const doh = {
  url: () => `${base()}/dns-query`,
  async queries(): Promise<string[]> {
    return (await fetch(`${base()}/_dns`)).json();
  },
};
