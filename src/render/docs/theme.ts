import type { DocsConfig } from "../../model/document.js";

const DEFAULT_BRAND = "#1d2330";
const DEFAULT_FONT = "system-ui, sans-serif";

/** WCAG relative luminance of a #RRGGBB colour. */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** Black or white, whichever contrasts more with the brand colour. */
function textOn(hex: string): string {
  const l = luminance(hex);
  return 1.05 / (l + 0.05) >= (l + 0.05) / 0.05 ? "#ffffff" : "#000000";
}

/**
 * The brand as CSS custom properties (`--brand`, `--on-brand`, `--font`), from the rule set's
 * `docs.theme`; the schema admits only a #RRGGBB colour and a plain font list, so both are safe in CSS.
 */
export function themeCss(theme: DocsConfig["theme"]): string {
  const brand = theme?.brand ?? DEFAULT_BRAND;
  return `:root{--brand:${brand};--on-brand:${textOn(brand)};--font:${theme?.font ?? DEFAULT_FONT}}`;
}
