import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import axe from "axe-core";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDocs } from "../src/docs/generate-docs.js";
import { exampleFiles } from "../src/examples/run-examples.js";
import { loadRuleSet, parseUsage, quote, RatecardError, type UsageDocument } from "../src/index.js";
import type { MeterValue } from "../src/model/usage.js";
import { BUNDLED, bundledRules, ROOT, RULES, saas, tencent } from "./helpers.js";

const api = loadRuleSet(join(RULES, "example-api"));

/**
 * The HTML calculator in a real headless Chromium (Debian's package; .ci/run installs it):
 * fill the form as a person would, read the total, compare it with the library's quote.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
/** Screenshots of every generated page at both widths, linked from the README. */
const SCREENSHOTS = join(ROOT, "docs", "screenshots");

let browser: Browser;
let site: string;
beforeAll(async () => {
  // Pages generated from today's rules and code, not the committed copies (docs.test.ts compares those).
  site = mkdtempSync(join(tmpdir(), "ratecard-site-"));
  generateDocs(bundledRules(), site, { month: "2026-10" });
  if (!existsSync(CHROMIUM))
    throw new Error(`no Chromium at ${CHROMIUM}; install Debian's chromium package or set CHROMIUM_PATH`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}, 60_000);
afterAll(async () => browser?.close());

interface Profile {
  name: string;
  page: string;
  doc: UsageDocument;
}

async function open(file: string, width = 1200): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width, height: 1000 } });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`file://${join(site, file)}`);
  return { page, errors };
}

async function openMoreOptions(page: Page): Promise<void> {
  if (!(await page.$eval("#more", (details) => (details as HTMLDetailsElement).open)))
    await page.click("#more summary");
}

/** Fills the calculator from a usage document, the way a person would. */
async function fill(page: Page, doc: UsageDocument): Promise<void> {
  // A rule set with one mode hides the mode choice.
  if (await page.isVisible("#mode")) await page.selectOption("#mode", doc.mode!);
  await page.selectOption("#edition", doc.edition!);
  await page.fill("#period", doc.period);
  // The page opens on an example: a person clears what it ticked before typing their own usage.
  for (const box of await page.$$("input[data-addon]:checked, input[data-coupon]:checked")) await box.uncheck();
  if (doc.app?.createdAt) {
    await openMoreOptions(page);
    await page.fill("#created", doc.app.createdAt);
  }
  // A series given as the same value every day is typed once: the calculator repeats it.
  const fillMeter = async (meter: string, value: MeterValue, cell: string[]): Promise<void> => {
    if (typeof value === "object" && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value)) await fillMeter(meter, inner, [...cell, key]);
      return;
    }
    await page.fill(
      `input[data-meter="${meter}"][data-cell="${cell.join(".")}"]`,
      String(Array.isArray(value) ? value[0] : value),
    );
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
    name: "original Ultimate with 180-day retention",
    page: "tencent-im/index.html",
    doc: {
      ruleset: "tencent-im",
      period: "2026-10",
      app: { createdAt: "2022-06-01" },
      mode: "original",
      edition: "ultimate",
      usage: { dau: 30001, groups: 200001 },
      addons: { "message-retention": { days: 180 } },
    },
  },
  {
    name: "current Standard, MAU overage rounded half-up",
    page: "tencent-im/index.html",
    doc: {
      ruleset: "tencent-im",
      period: "2026-10",
      mode: "current",
      edition: "standard",
      usage: { mau: 23457, pcc: 1800 },
    },
  },
  {
    name: "current Premium with the audio/video call trial",
    page: "tencent-im/index.html",
    doc: {
      ruleset: "tencent-im",
      period: "2026-10",
      mode: "current",
      edition: "premium",
      usage: { mau: 1000000, pcc: 0 },
      addons: { "av-call": { activatedAt: "2026-10-20" } },
    },
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
      usage: {
        requests: 12500000,
        seats: 8,
        workers: 1,
        storage: Array.from({ length: 31 }, () => 10.5),
        tokens: { large: { input: 3000000, output: 0 }, small: { input: 0, output: 9000000 } },
      },
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

  it("splits a month's total of a daily-summed meter evenly over the days, says so, and prices each day's allowance on it", async () => {
    const { page, errors } = await open("object-store/index.html");
    await page.selectOption("#mode", "flat-rate");
    await page.fill("#period", "2026-10");
    for (const [meter, value] of Object.entries({ storage: "0", egress: "0", listings: "0", downloads: "3100010" }))
      await page.fill(`input[data-meter="${meter}"]`, value);
    expect(await page.textContent('label:has(input[data-meter="downloads"]) small')).toBe(
      "(total, transactions; split evenly over the month's days)",
    );
    // 3,100,010 over 31 days: 100,000 a day, the 10 left over on the first. The first 2,500 of
    // each day are free: 97,510 + 30 × 97,500 = 3,022,510 billed, 303 blocks of 10,000 (at 0.004).
    const doc: UsageDocument = {
      ruleset: "object-store",
      period: "2026-10",
      mode: "flat-rate",
      edition: "flat",
      usage: {
        storage: 0,
        egress: 0,
        downloads: [100010, ...Array.from({ length: 30 }, () => 100000)],
        listings: Array.from({ length: 31 }, () => 0),
      },
    };
    const expected = quote(ruleSets["object-store"]!, doc);
    expect(expected.lines.find((line) => line.id === "downloads")?.quantity).toBe("303");
    await expect.poll(() => page.getAttribute("#result", "data-total")).toBe(expected.total);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it("disables what an edition cannot buy, says why once, shows prices beside the boxes and what a change of edition removed", async () => {
    const { page } = await open("tencent-im/index.html");
    await page.selectOption("#mode", "original");
    await page.selectOption("#edition", "pro");
    await page.check('input[data-addon="group-members"]');
    expect(await page.textContent('[data-price="group-members"]')).toBe("$239.99 a month");
    expect(await page.textContent('[data-price="message-retention"]')).toBe("from $99.99 a month");
    await page.selectOption("#edition", "free");
    expect(await page.isDisabled('input[data-addon="group-members"]')).toBe(true);
    const reasons = await page.$$eval("#addon-reasons li", (items) => items.map((item) => item.textContent ?? ""));
    expect(
      reasons.filter((r) => r.includes("Value-added services are available only under the Pro and Ultimate editions.")),
    ).toHaveLength(1);
    expect(await page.textContent("#addon-dropped")).toBe(
      "Removed with the change of edition: More members per non-audio-video group.",
    );
    expect(await page.isDisabled('select[data-option="message-retention"]')).toBe(true);
    await page.selectOption("#edition", "ultimate");
    expect(await page.isDisabled('select[data-option="message-retention"] option[value="30"]')).toBe(true);
    expect(await page.isDisabled('input[data-addon="avchatroom-unlimited"]')).toBe(true);
    expect(await page.textContent("#addon-reasons")).toContain("already has unlimited");
    expect(await page.isDisabled('input[data-addon="group-members"]')).toBe(false);
    await page.close();
  }, 60_000);

  it("enables an add-on once the add-on it depends on is chosen", async () => {
    const { page } = await open("example-saas/index.html");
    await page.selectOption("#edition", "business");
    // The example the page opens on has single sign-on ticked.
    await page.uncheck('input[data-addon="sso"]');
    expect(await page.isDisabled('input[data-addon="audit-log"]')).toBe(true);
    await page.check('input[data-addon="sso"]');
    expect(await page.isDisabled('input[data-addon="audit-log"]')).toBe(false);
    await page.close();
  }, 60_000);

  it("shows the rules' error for a usage the rules refuse", async () => {
    const { page } = await open("tencent-im/index.html");
    await page.selectOption("#mode", "original");
    await openMoreOptions(page);
    await page.fill("#created", "2023-05-01");
    await expect.poll(() => page.textContent("#result")).toContain("retired on 2022-12-26");
    await page.close();
  }, 60_000);

  it("opens the calculator on a card's mode and edition from its Estimate link", async () => {
    const { page } = await open("tencent-im/index.html");
    await page.click('a.estimate[data-edition="pro"]');
    expect(await page.inputValue("#mode")).toBe("original");
    expect(await page.inputValue("#edition")).toBe("pro");
    await page.click('a.estimate[data-edition="premium"]');
    expect([await page.inputValue("#mode"), await page.inputValue("#edition")]).toEqual(["current", "premium"]);
    await page.close();
  }, 60_000);

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

const PHONE = 390;

/** The amounts of the result cut or outside the viewport's width. */
async function amountsOutOfView(page: Page): Promise<string[]> {
  const width = page.viewportSize()!.width;
  const amounts = await page.$$eval("#result .amount", (items) =>
    items.map((e) => ({
      text: e.textContent ?? "",
      left: e.getBoundingClientRect().left,
      right: e.getBoundingClientRect().right,
      cut: e.scrollWidth > e.clientWidth,
    })),
  );
  expect(amounts.length).toBeGreaterThan(1);
  return amounts.filter((a) => a.cut || a.left < 0 || a.right > width).map((a) => a.text);
}

/** Every example of every bundled rule set, as `ratecard test` reads them. */
const examples = BUNDLED.flatMap((id) =>
  exampleFiles(join(RULES, id)).map((file) => ({
    id,
    example: basename(file).replace(/\.ya?ml$/, ""),
    doc: parseUsage(readFileSync(file, "utf8"), file).data as UsageDocument,
  })),
);
const ruleSets = Object.fromEntries(BUNDLED.map((id) => [id, loadRuleSet(join(RULES, id))]));

describe("the calculator started from each example", () => {
  it("has every example of every bundled rule set to start from", () => {
    expect(examples.length).toBeGreaterThanOrEqual(26);
  });

  it.each(examples.map((e) => [`${e.id}/${e.example}`, e] as const))(
    "%s: the form it fills quotes what ratecard quote does; at 390 px every amount is in view",
    async (_name, { id, example, doc }) => {
      const { page, errors } = await open(`${id}/index.html`, PHONE);
      await page.selectOption("#example", example);
      let expected: { total: string | null; messages: string[] };
      try {
        expected = { total: quote(ruleSets[id]!, doc).total, messages: [] };
      } catch (error) {
        if (!(error instanceof RatecardError)) throw error;
        expected = { total: null, messages: error.problems.map((p) => p.message) };
      }
      // A quote shows its total, every amount in view; a usage the rules refuse shows the library's own messages and no total.
      const shown = async () => ({
        total: await page.getAttribute("#result", "data-total"),
        messages: await page.$$eval("#result .errors li", (items) => items.map((item) => item.textContent)),
      });
      await expect.poll(shown).toEqual(expected);
      expect(expected.total === null ? [] : await amountsOutOfView(page)).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    },
    60_000,
  );
});

/** Every page of the customer site: the index and each rule set's pricing page. */
const PAGES = ["index", ...BUNDLED];
const WIDTHS = [1280, 390];

/** The controls a finger or pointer aims at, each with the box it can be hit in (its label's, when larger). */
function tapTargets(): { html: string; width: number; height: number }[] {
  const visible = (e: Element) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden";
  return [...document.querySelectorAll<HTMLElement>("input, select, button, summary, nav a, a.cta, a.estimate, a.set")]
    .filter(visible)
    .map((control) => {
      const own = control.getBoundingClientRect();
      const label = control.closest("label")?.getBoundingClientRect();
      const box = label && label.width * label.height > own.width * own.height ? label : own;
      return { html: control.outerHTML.slice(0, 120), width: Math.round(box.width), height: Math.round(box.height) };
    });
}

describe("the customer site in Chromium", () => {
  it.each(PAGES.flatMap((name) => WIDTHS.map((width) => [name, width] as const)))(
    "%s at %i px: no axe violation, hidden is hidden, no sideways scroll, tap targets of 44 px, amounts and total in view (screenshot in docs/screenshots/)",
    async (name, width) => {
      const page = await browser.newPage({ viewport: { width, height: 844 } });
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(`file://${join(site, name === "index" ? "index.html" : `${name}/index.html`)}`);
      const calculator = name !== "index";
      if (calculator) await page.waitForSelector("#result[data-total]");
      await page.addScriptTag({ content: axe.source });
      const violations = await page.evaluate(async () =>
        (await (window as unknown as { axe: typeof axe }).axe.run(document)).violations.map(
          (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
        ),
      );
      expect(violations).toEqual([]);
      const shownHidden = await page.evaluate(() =>
        [...document.querySelectorAll("[hidden]")]
          .filter((e) => getComputedStyle(e).display !== "none")
          .map((e) => e.outerHTML.slice(0, 120)),
      );
      expect(shownHidden).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      expect((await page.evaluate(tapTargets)).filter((t) => t.width < 44 || t.height < 44)).toEqual([]);
      if (calculator) await calculatorChecks(page, width);
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.evaluate(() => window.scrollTo(0, 0));
      const whole = await page.screenshot({ path: join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
      const first = await page.screenshot({ path: join(SCREENSHOTS, `${name}-${width}-first-screen.png`) });
      // The pictures are the page at this width: the whole page, and what the first screen shows.
      expect(pngSize(whole)).toEqual({
        width,
        height: await page.evaluate(() => document.documentElement.scrollHeight),
      });
      expect(pngSize(first).width).toBe(width);
      expect(errors).toEqual([]);
      await page.close();
    },
    60_000,
  );

  it("switches plan cards between fee intervals where editions are billed over several", async () => {
    const rules = join(mkdtempSync(join(tmpdir(), "ratecard-intervals-")), "rules");
    cpSync(join(ROOT, "test", "fixtures", "minimal"), join(rules, "minimal"), { recursive: true });
    const mode = join(rules, "minimal", "modes", "main.yaml");
    writeFileSync(
      mode,
      readFileSync(mode, "utf8").replace(
        "charges:",
        "  - id: plus-yearly\n    name: Plus, paid yearly\n    fee: 100\n    feeInterval: { months: 12 }\ncharges:",
      ),
    );
    const out = mkdtempSync(join(tmpdir(), "ratecard-intervals-site-"));
    generateDocs(rules, out, { month: "2026-10" });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`file://${join(out, "minimal", "index.html")}`);
    const shown = () =>
      page.$$eval(".card", (cards) =>
        (cards as HTMLElement[]).filter((c) => !c.hidden).map((c) => c.querySelector("h3")!.textContent),
      );
    expect(await shown()).toEqual(["Basic", "Plus"]);
    await page.check('input[name="fee-interval"][value="12"]');
    expect(await shown()).toEqual(["Basic", "Plus, paid yearly"]);
    expect(await page.textContent(".card:not([hidden]) .price >> nth=1")).toBe("$100.00 a year, billed in advance");
    await page.close();
  }, 60_000);
});

/** The calculator's checks on a page that has one: first after the plan cards, every amount whole and in view, the total on screen while typing. */
async function calculatorChecks(page: Page, width: number): Promise<void> {
  const order = await page.evaluate(() =>
    [...document.querySelectorAll("main > section")].map((s) => s.id).slice(0, 2),
  );
  expect(order).toEqual(["plans", "calculator-section"]);
  // Every amount of the result is whole and inside the viewport's width.
  const amounts = await page.$$eval("#result .amount", (items) =>
    items.map((e) => ({
      text: e.textContent,
      left: e.getBoundingClientRect().left,
      right: e.getBoundingClientRect().right,
      clipped: e.scrollWidth > e.clientWidth,
    })),
  );
  expect(amounts.length).toBeGreaterThan(1);
  for (const amount of amounts) expect(amount, amount.text ?? "").toMatchObject({ clipped: false });
  expect(amounts.filter((a) => a.left < 0 || a.right > width)).toEqual([]);
  // While the usage is being typed, the total stays on screen.
  await page.locator("#meters").scrollIntoViewIfNeeded();
  const total = await page.locator("#sticky-total").boundingBox();
  expect(total!.y).toBeGreaterThanOrEqual(0);
  expect(total!.y + total!.height).toBeLessThanOrEqual(844);
  expect(await page.textContent("#sticky-total")).toMatch(/^Total: \S+/);
}
