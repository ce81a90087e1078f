/** A colour written `#rgb` or `#rrggbb` (CSS Color 4 hex notation); no regex flags, so the API description can carry it as a JSON Schema `pattern`. */
export const HEX_COLOR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;

/** The smallest contrast ratio for normal text (WCAG 2.2 SC 1.4.3, level AA). */
export const MIN_CONTRAST = 4.5;

/** `#rgb` or `#rrggbb` as its three 0–255 channels. */
export function hexChannels(hex: string): [number, number, number] {
  const digits = hex.length === 4 ? [...hex.slice(1)].map((d) => d + d).join("") : hex.slice(1);
  return [0, 2, 4].map((i) => Number.parseInt(digits.slice(i, i + 2), 16)) as [
    number,
    number,
    number,
  ];
}

/** Relative luminance of an sRGB colour (WCAG 2.2 "relative luminance" definition). */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = hexChannels(hex).map((channel) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The WCAG 2.2 contrast ratio of two colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [
    number,
    number,
  ];
  return (light + 0.05) / (dark + 0.05);
}

/**
 * `color` mixed towards white (on a dark background) or black (on a light one) just enough to
 * reach {@link MIN_CONTRAST} on `background`; `color` itself when it already does.
 */
export function readableOn(color: string, background: string): string {
  const channels = hexChannels(color);
  const target = relativeLuminance(background) < 0.18 ? 255 : 0;
  for (let step = 0; step <= 20; step++) {
    const mixed = channels.map((c) => Math.round(c + ((target - c) * step) / 20));
    const hex = `#${mixed.map((c) => c.toString(16).padStart(2, "0")).join("")}`;
    if (contrastRatio(hex, background) >= MIN_CONTRAST) return hex;
  }
  return target === 255 ? "#ffffff" : "#000000";
}
