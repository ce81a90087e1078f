// One check for every hosted page a browser test reaches: axe-core clean, no horizontal
// scrolling on a 375 px screen, and screenshots at 1280 px and 375 px kept for a reviewer under
// `.authpi/screenshots/` (named by the test; the run overwrites its own).
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { axeViolations } from "./hosted-browser.ts";

export const SCREENSHOTS = path.resolve(import.meta.dirname, "../../.authpi/screenshots");

export interface PageCheck {
  /** axe-core rule ids that failed, at 1280 px and at 375 px. */
  violations: string[];
  /** Widths (px) at which the page scrolls sideways: content wider than the screen. */
  overflowAt: number[];
}

const WIDTHS = [1280, 375] as const;

/**
 * Checks the page as shown at both widths and keeps `<name>-1280.png` and `<name>-375.png`;
 * the viewport is put back afterwards. Use `expect(await checkPage(page, "signup")).toEqual(CLEAN)`.
 */
export async function checkPage(page: Page, name: string): Promise<PageCheck> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const before = page.viewportSize();
  const violations = new Set<string>();
  const overflowAt: number[] = [];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width === 375 ? 812 : 900 });
    for (const id of await axeViolations(page)) violations.add(id);
    const wide = await page.evaluate(
      () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
    );
    if (wide) overflowAt.push(width);
    const file = path.join(SCREENSHOTS, `${name.replace(/[^a-z0-9-]+/gi, "-")}-${width}.png`);
    await page.screenshot({ path: file, fullPage: true });
  }
  if (before) await page.setViewportSize(before);
  return { violations: [...violations].sort(), overflowAt };
}

/** What `checkPage` gives for a page that passes. */
export const CLEAN: PageCheck = { violations: [], overflowAt: [] };
