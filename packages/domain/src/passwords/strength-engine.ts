import { ZxcvbnFactory, type ZxcvbnResult } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as english from "@zxcvbn-ts/language-en";

let engine: ZxcvbnFactory | undefined;

/**
 * zxcvbn-ts with the common and English dictionaries, built on first use (ranking the
 * dictionaries is the costly part, so an isolate pays it once and only when a password is set).
 * Feedback comes back as the library's keys; `password-feedback.ts` translates them.
 */
export function estimateStrength(password: string, userInputs: readonly string[]): ZxcvbnResult {
  engine ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    // Levenshtein matching costs seconds per check on workerd; l33t variants and length are
    // capped so one check stays within tens of milliseconds (docs/decisions/signup.md).
    useLevenshteinDistance: false,
    l33tMaxSubstitutions: 16,
    maxLength: 64,
  });
  return engine.check(password, [...userInputs]);
}
