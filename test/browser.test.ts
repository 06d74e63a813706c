import { existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDocs } from "../src/docs/generate-docs.js";
import { loadRuleSet, quote, type UsageDocument } from "../src/index.js";
import type { MeterValue } from "../src/model/usage.js";
import { ROOT, RULES, saas, tencent } from "./helpers.js";

const api = loadRuleSet(join(RULES, "example-api"));

/**
 * The HTML calculator in a real headless Chromium (Debian's package; .ci/run installs it):
 * fill the form as a person would, read the total, compare it with the library's quote.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const OUTPUT = join(ROOT, "test-output");

let browser: Browser;
let site: string;
beforeAll(async () => {
  // Pages generated from today's rules and code, not the committed copies (docs.test.ts compares those).
  site = mkdtempSync(join(tmpdir(), "ratecard-site-"));
  generateDocs(join(ROOT, "rules"), site, "2026-10");
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}; install Debian's chromium package or set CHROMIUM_PATH`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}, 60_000);
afterAll(async () => browser?.close());

interface Profile {
  name: string;
  page: string;
  doc: UsageDocument;
}

async function open(file: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 1000 } });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`file://${join(site, file)}`);
  return { page, errors };
}

/** Fills the calculator from a usage document, the way a person would. */
async function fill(page: Page, doc: UsageDocument): Promise<void> {
  // A rule set with one mode hides the mode choice.
  if (await page.isVisible("#mode")) await page.selectOption("#mode", doc.mode!);
  await page.selectOption("#edition", doc.edition!);
  await page.fill("#period", doc.period);
  if (doc.app?.createdAt) await page.fill("#created", doc.app.createdAt);
  // A series given as the same value every day is typed once: the calculator repeats it.
  const fillMeter = async (meter: string, value: MeterValue, cell: string[]): Promise<void> => {
    if (typeof value === "object" && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value)) await fillMeter(meter, inner, [...cell, key]);
      return;
    }
    await page.fill(`input[data-meter="${meter}"][data-cell="${cell.join(".")}"]`, String(Array.isArray(value) ? value[0] : value));
  };
  for (const [meter, value] of Object.entries(doc.usage)) await fillMeter(meter, value, []);
  for (const [id, value] of Object.entries(doc.addons ?? {})) {
    await page.check(`input[data-addon="${id}"]`);
    if (typeof value !== "object") continue;
    for (const [key, setting] of Object.entries(value)) {
      if (key === "activatedAt") await page.fill(`input[data-activated="${id}"]`, String(setting));
      else if (key === "quantity") await page.fill(`input[data-quantity="${id}"]`, String(setting));
      else await page.selectOption(`select[data-option="${id}"]`, String(setting));
    }
  }
}

/** The width and height a PNG's header gives; fails for anything that is not a PNG. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const profiles: Profile[] = [
  {
    name: "original Pro over both quotas with two add-ons",
    page: "tencent-im/index.html",
    doc: {
      ruleset: "tencent-im",
      period: "2026-10",
      app: { createdAt: "2022-06-01" },
      mode: "original",
      edition: "pro",
      usage: { dau: 23456, groups: 120000 },
      addons: { "group-members": true, "message-retention": { days: 90 } },
    },
  },
  {
    name: "original Ultimate with 30-day retention included",
    page: "tencent-im/index.html",
    doc: {
      ruleset: "tencent-im",
      period: "2026-10",
      app: { createdAt: "2022-06-01" },
      mode: "original",
      edition: "ultimate",
      usage: { dau: 30001, groups: 200001 },
      addons: { "message-retention": { days: 30 } },
    },
  },
  {
    name: "current Standard, MAU overage rounded half-up",
    page: "tencent-im/index.html",
    doc: { ruleset: "tencent-im", period: "2026-10", mode: "current", edition: "standard", usage: { mau: 23457, pcc: 1800 } },
  },
  {
    name: "current Premium with the audio/video call trial",
    page: "tencent-im/index.html",
    doc: { ruleset: "tencent-im", period: "2026-10", mode: "current", edition: "premium", usage: { mau: 1000000, pcc: 0 }, addons: { "av-call": { activatedAt: "2026-10-20" } } },
  },
  {
    name: "example-saas Business with tiers and dependent add-ons",
    page: "example-saas/index.html",
    doc: {
      ruleset: "example-saas",
      period: "2026-10",
      mode: "standard",
      edition: "business",
      usage: { emails: 610000, storage: 12.5, seats: 5, inbound: 2500 },
      addons: { sso: true, "audit-log": { retention: 365 }, "extra-domains": { quantity: 4 } },
    },
  },
  {
    name: "example-api Team: a per-seat fee, averaged storage, tiers on total usage, add-ons limited by seats",
    page: "example-api/index.html",
    doc: {
      ruleset: "example-api",
      period: "2026-10",
      mode: "usage-based",
      edition: "team",
      usage: { requests: 12500000, seats: 8, workers: 1, storage: Array.from({ length: 31 }, () => 10.5), tokens: { large: { input: 3000000, output: 0 }, small: { input: 0, output: 9000000 } } },
      addons: { sso: true, sandbox: { quantity: 2 } },
    },
  },
];

describe("the HTML calculator", () => {
  it.each(profiles.map((p) => [p.name, p] as const))(
    "%s: same total as ratecard quote",
    async (_name, profile) => {
      const { page, errors } = await open(profile.page);
      await fill(page, profile.doc);
      const ruleSet = { "tencent-im": tencent, "example-saas": saas, "example-api": api }[profile.doc.ruleset]!;
      const expected = quote(ruleSet, profile.doc).total;
      await expect.poll(() => page.getAttribute("#result", "data-total")).toBe(expected);
      expect(errors).toEqual([]);
      await page.close();
    },
    60_000,
  );

  it("disables what an edition cannot buy, says why once, shows prices beside the boxes and what a change of edition removed", async () => {
    const { page } = await open("tencent-im/index.html");
    await page.selectOption("#mode", "original");
    await page.selectOption("#edition", "pro");
    await page.check('input[data-addon="group-members"]');
    expect(await page.textContent('[data-price="group-members"]')).toBe("239.99 USD/month");
    expect(await page.textContent('[data-price="message-retention"]')).toBe("from 99.99 USD/month");
    await page.selectOption("#edition", "free");
    expect(await page.isDisabled('input[data-addon="group-members"]')).toBe(true);
    const reasons = await page.$$eval("#addon-reasons li", (items) => items.map((item) => item.textContent ?? ""));
    expect(reasons.filter((r) => r.includes("Value-added services are available only under the Pro and Ultimate editions."))).toHaveLength(1);
    expect(await page.textContent("#addon-dropped")).toBe("Removed with the change of edition: More members per non-audio-video group.");
    expect(await page.isDisabled('select[data-option="message-retention"]')).toBe(true);
    await page.selectOption("#edition", "ultimate");
    expect(await page.isDisabled('input[data-addon="avchatroom-unlimited"]')).toBe(true);
    expect(await page.textContent("#addon-reasons")).toContain("already has unlimited");
    expect(await page.isDisabled('input[data-addon="group-members"]')).toBe(false);
    await page.close();
  }, 60_000);

  it("enables an add-on once the add-on it depends on is chosen", async () => {
    const { page } = await open("example-saas/index.html");
    await page.selectOption("#edition", "business");
    expect(await page.isDisabled('input[data-addon="audit-log"]')).toBe(true);
    await page.check('input[data-addon="sso"]');
    expect(await page.isDisabled('input[data-addon="audit-log"]')).toBe(false);
    await page.close();
  }, 60_000);

  it("shows the rules' error for a usage the rules refuse", async () => {
    const { page } = await open("tencent-im/index.html");
    await page.selectOption("#mode", "original");
    await page.fill("#created", "2023-05-01");
    await expect.poll(() => page.textContent("#result")).toContain("retired on 2022-12-26");
    await page.close();
  }, 60_000);

  it("takes a screenshot of the pricing page for people to look at, showing the quoted total", async () => {
    const { page, errors } = await open("tencent-im/index.html");
    await fill(page, profiles[0]!.doc);
    await expect.poll(() => page.getAttribute("#result", "data-total")).toBe(quote(tencent, profiles[0]!.doc).total);
    mkdirSync(OUTPUT, { recursive: true });
    const whole = await page.screenshot({ path: join(OUTPUT, "tencent-im-pricing.png"), fullPage: true });
    const calculator = page.locator("#calculator-section");
    const box = (await calculator.boundingBox())!;
    const part = await calculator.screenshot({ path: join(OUTPUT, "tencent-im-calculator.png") });
    expect(pngSize(whole)).toEqual({ width: 1200, height: await page.evaluate(() => document.documentElement.scrollHeight) });
    // An element's box is fractional; its picture is the whole pixels the box touches.
    const pixels = (start: number, length: number) => Math.ceil(start + length) - Math.floor(start);
    expect(pngSize(part)).toEqual({ width: pixels(box.x, box.width), height: pixels(box.y, box.height) });
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it.each(["tencent-im", "example-saas", "example-api"].flatMap((id) => [1280, 390].map((width) => [id, width] as const)))(
    "%s at %i px: no horizontal overflow, every control labelled, plans before the calculator (screenshot in test-output/)",
    async (id, width) => {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      await page.goto(`file://${join(site, id, "index.html")}`);
      await page.waitForSelector("#result[data-total]");
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      const unlabelled = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLInputElement | HTMLSelectElement>("input, select")]
          .filter((control) => !control.closest("[hidden]") && control.labels?.length === 0 && !control.getAttribute("aria-label"))
          .map((control) => control.outerHTML),
      );
      expect(unlabelled).toEqual([]);
      const order = await page.evaluate(() => [...document.querySelectorAll("main > section")].map((s) => s.id).slice(0, 2));
      expect(order).toEqual(["plans", "calculator-section"]);
      expect(await page.textContent("#sticky-total")).toMatch(/^Total: [\d,]+\.\d{2} [A-Z]{3}$/);
      mkdirSync(OUTPUT, { recursive: true });
      await page.screenshot({ path: join(OUTPUT, `${id}-${width}.png`), fullPage: true });
      await page.close();
    },
    60_000,
  );

  it("prices a trial add-on ticked without a date as activated on the 1st, with no developer message", async () => {
    const { page, errors } = await open("example-saas/index.html");
    await page.selectOption("#edition", "business");
    await page.check('input[data-addon="dedicated-ip"]');
    await expect.poll(() => page.getAttribute("#result", "data-total")).toMatch(/^\d+\.\d{2}$/);
    expect(await page.textContent("#result")).not.toContain("give addons");
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
