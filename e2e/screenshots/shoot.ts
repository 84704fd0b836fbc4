// Shared by the screenshot specs: where PNGs go, the two widths, and a full-page shot once
// fonts are loaded. `forEachWidth` opens one describe block per width.
import path from "node:path";
import type { Page } from "@playwright/test";
import { test } from "../fixtures";

const OUT = process.env.SCREENSHOT_DIR ?? path.resolve(import.meta.dirname, "../../docs/screenshots");
const WIDTHS = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 390, height: 844 },
] as const;

export type Width = (typeof WIDTHS)[number];

export async function shoot(page: Page, name: string) {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true });
}

export function forEachWidth(body: (size: Width) => void) {
  for (const size of WIDTHS) {
    test.describe(`${size.name} (${size.width}px)`, () => {
      test.use({ viewport: { width: size.width, height: size.height }, isMobile: size.name === "phone", hasTouch: size.name === "phone" });
      body(size);
    });
  }
}
