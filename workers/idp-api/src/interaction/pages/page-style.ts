import { type Brand, readableOn } from "@authpi/domain/branding";

/** The page and card backgrounds, light and dark: brand colours are made readable on them. */
const PAGE = { light: "#f5f6f8", dark: "#0f131a" };
const CARD = { light: "#ffffff", dark: "#1a1f2b" };

/** The shared style of every hosted page; brand colours come in as CSS variables. */
export const PAGE_STYLE = `
  :root { color-scheme: light dark; }
  body { font-family: system-ui, sans-serif; background: ${PAGE.light}; color: #1d2330; margin: 0; }
  main { max-width: 380px; margin: 8vh auto 1.5rem; background: ${CARD.light}; padding: 2rem;
         border-radius: 12px; box-shadow: 0 2px 12px rgba(0,0,0,.08); }
  h1 { font-size: 1.35rem; margin: 0 0 1.25rem; }
  label { display: block; font-size: .9rem; margin: .9rem 0 .3rem; }
  input { width: 100%; box-sizing: border-box; padding: .6rem; font-size: 1rem;
          border: 1px solid #8a92a3; border-radius: 6px; background: inherit; color: inherit; }
  button { margin-top: 1.25rem; width: 100%; padding: .7rem; font-size: 1rem; border: 0;
           border-radius: 6px; background: var(--primary); color: #fff; cursor: pointer; }
  a { color: var(--link); }
  .error { background: #fdecec; color: #9b1c1c; padding: .7rem; border-radius: 6px; }
  .links { display: flex; justify-content: space-between; margin-top: 1rem; font-size: .85rem; }
  .muted { color: #5d6679; }
  .subtitle { margin: -.75rem 0 1.25rem; }
  h2 { font-size: 1.05rem; margin: 1.75rem 0 .25rem; }
  .qr { display: block; margin: 1rem auto; max-width: 100%; height: auto; background: #fff; }
  code { font-size: 1rem; word-break: break-all; }
  .secret { word-break: normal; }
  .secret .group { white-space: nowrap; }
  .codes { columns: 2; padding-left: 1.25rem; }
  .passkey, .secondary { background: transparent; color: var(--link); border: 1px solid var(--link); }
  .secondary { margin-top: .75rem; }
  .hint { font-size: .85rem; margin: .35rem 0 0; }
  .notice { background: #e8f3ec; color: #14532d; padding: .7rem; border-radius: 6px; }
  .error ul { margin: .5rem 0 0; padding-left: 1.25rem; }
  .error p { margin: 0; }
  .shown-code code { font-size: 1.6rem; letter-spacing: .2em; }
  .logo { display: block; max-width: 100%; max-height: 48px; margin: 0 0 1.25rem; }
  .back { margin: 1.25rem 0 0; }
  footer { max-width: 380px; margin: 0 auto 2rem; padding: 0 2rem; font-size: .85rem; }
  footer ul { list-style: none; display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; padding: 0;
              margin: 0; justify-content: center; }
  footer a { color: var(--footer-link); }
  @media (max-width: 420px) { main { margin: 0 0 1.5rem; border-radius: 0; padding: 1.5rem; } }
  @media (prefers-color-scheme: dark) {
    body { background: ${PAGE.dark}; color: #e6e9ef; }
    main { background: ${CARD.dark}; box-shadow: none; }
    a, .passkey, .secondary { --link: var(--link-dark); }
    .notice { background: #123222; color: #bbf7d0; }
    footer a { color: var(--footer-link-dark); }
    .muted { color: #a9b1c1; }
    .error { background: #3b1219; color: #fecaca; }
    .notice { background: #12301d; color: #bbf7d0; }
    .secondary { --link: var(--link-dark); }
  }
`;

/**
 * The brand's colour as CSS variables: buttons take it as given (it passes 4.5:1 under white
 * text); link colours are the nearest shade readable on each background (WCAG 2.2 SC 1.4.3).
 */
export function brandStyle(brand: Brand): string {
  const color = brand.primaryColor;
  return `:root { --primary: ${color}; --link: ${readableOn(color, CARD.light)};
    --link-dark: ${readableOn(color, CARD.dark)}; --footer-link: ${readableOn(color, PAGE.light)};
    --footer-link-dark: ${readableOn(color, PAGE.dark)}; }`;
}
