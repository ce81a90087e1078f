// Not importable by package name (its exports name only the ESM entry): the UMD bundle by path.
import bundle from "../../../node_modules/@simplewebauthn/browser/dist/bundle/index.umd.min.js";

/** `@simplewebauthn/browser` as one classic script: it defines `window.SimpleWebAuthnBrowser`. */
export const WEBAUTHN_BROWSER_JS: string = bundle;
