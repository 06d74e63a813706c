/**
 * The price calculator of the generated HTML pages. It compiles the rule documents embedded in
 * the page with the library's own compiler and quotes with the library's own `quote`, so its
 * numbers are the CLI's numbers.
 */
import { parsePeriod } from "../calendar/period.js";
import { compileRuleSet } from "../compile/compile-ruleset.js";
import { RatecardError } from "../errors/ratecard-error.js";
import { quote } from "../evaluate/quote.js";
import { inMemory } from "../load/source-document.js";
import type { ModeDoc, RuleSetDoc } from "../model/document.js";
import type { AddonPlan, MeterPlan, ModePlan, Offer, Plan } from "../model/plan.js";
import type { AddonChoices, MeterValue, UsageDocument } from "../model/usage.js";
import { scaledString, type Decimal } from "../money/decimal.js";
import { groupText } from "../money/format.js";

interface EmbeddedRules {
  root: RuleSetDoc;
  modes: ModeDoc[];
  defaults: { period: string };
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function start(): void {
  const data = JSON.parse($("ratecard-rules").textContent ?? "{}") as EmbeddedRules;
  const plan = compileRuleSet({ dir: "", root: { doc: data.root, source: inMemory(data.root) }, modes: data.modes.map((doc) => ({ doc, source: inMemory(doc) })) });
  const form = $<HTMLFormElement>("calculator");
  $<HTMLInputElement>("period").value = data.defaults.period;
  const modeSelect = $<HTMLSelectElement>("mode");
  // Modes in force first: the calculator opens on what a customer can buy today.
  const latest = [...plan.modes.values()].map((versions) => versions.at(-1)!).sort((a, b) => Number(Boolean(a.retired)) - Number(Boolean(b.retired))); // eslint-disable-line ratecard/no-float-money -- a sort key
  modeSelect.innerHTML = latest.map((mode) => `<option value="${mode.id}">${mode.name}</option>`).join("");
  const refresh = () => {
    renderControls(plan);
    renderQuote(plan);
  };
  modeSelect.addEventListener("change", () => {
    renderEditions(plan);
    renderMeters(plan);
    refresh();
  });
  $("edition").addEventListener("change", () => {
    $("addon-dropped").textContent = "";
    refresh();
  });
  form.addEventListener("input", () => renderQuote(plan));
  form.addEventListener("change", refresh);
  renderEditions(plan);
  renderMeters(plan);
  refresh();
}

function currentMode(plan: Plan): ModePlan {
  return plan.modes.get($<HTMLSelectElement>("mode").value)!.at(-1)!;
}

function renderEditions(plan: Plan): void {
  const mode = currentMode(plan);
  $<HTMLSelectElement>("edition").innerHTML = [...mode.editions.values()].map((e) => `<option value="${e.id}"${e.id === mode.defaultEdition ? " selected" : ""}>${e.name}</option>`).join("");
}

const AGGREGATE_WORDS = { max: "peak", min: "lowest", sum: "total", average: "average", latest: "latest", percentile: "percentile" } as const;

/** The cells of a meter: every combination of its dimensions' known values; one empty cell for a plain meter. */
function cellsOf(meter: MeterPlan): string[][] {
  return meter.dimensions.reduce<string[][]>((cells, dimension) => cells.flatMap((cell) => dimension.values.map((value) => [...cell, value])), [[]]);
}

function renderMeters(plan: Plan): void {
  const mode = currentMode(plan);
  // A meter with dimensions gets one input per cell (its known values).
  $("meters").innerHTML = [...mode.meters.values()]
    .flatMap((m) =>
      cellsOf(m).map(
        (cell) =>
          `<label>${m.name}${cell.length ? ` (${cell.join(", ")})` : ""} <small>(${AGGREGATE_WORDS[m.aggregate]}, ${m.plural})</small><input type="number" min="0" step="${m.integer ? 1 : "any"}" name="meter" data-meter="${m.id}" data-cell="${cell.join(".")}" value="0"></label>`,
      ),
    )
    .join("");
  $("addons").innerHTML = [...mode.addons.values()].map(addonControl).join("");
}

function addonControl(addon: AddonPlan): string {
  const options = addon.option ? `<label class="inline">${addon.option.name} <select data-option="${addon.id}"></select></label>` : "";
  const trial = addon.trial ? `<label class="inline">activated on <input type="date" data-activated="${addon.id}"> <small>(empty: the 1st of the month)</small></label>` : "";
  const quantity = addon.quantity
    ? `<label class="inline">${addon.quantity.plural} <input type="number" min="1"${addon.quantity.max?.kind === "fixed" ? ` max="${addon.quantity.max.value}"` : ""} step="1" value="1" data-quantity="${addon.id}"></label>`
    : "";
  return `<div class="addon" data-addon-row="${addon.id}"><label><input type="checkbox" data-addon="${addon.id}"> ${addon.name}${addon.status === "beta" ? " (beta)" : ""} <span class="price" data-price="${addon.id}"></span></label> ${options} ${quantity} ${trial}</div>`;
}

function selection(): AddonChoices {
  const choices: AddonChoices = {};
  document.querySelectorAll<HTMLInputElement>("input[data-addon]").forEach((box) => {
    if (!box.checked || box.disabled) return;
    const id = box.dataset.addon!;
    const option = document.querySelector<HTMLSelectElement>(`select[data-option="${id}"]`);
    const activated = document.querySelector<HTMLInputElement>(`input[data-activated="${id}"]`);
    const quantity = document.querySelector<HTMLInputElement>(`input[data-quantity="${id}"]`);
    const settings: Record<string, string> = {};
    if (quantity) settings.quantity = quantity.value;
    if (option?.value) settings[option.name || "option"] = option.value;
    // A trial add-on with no activation date is taken as activated on the first day of the month quoted.
    if (activated) settings.activatedAt = activated.value || `${$<HTMLInputElement>("period").value}-01`;
    choices[id] = Object.keys(settings).length ? settings : true;
  });
  return choices;
}

/** Disables what the chosen edition cannot buy, and says why. */
function renderControls(plan: Plan): void {
  const mode = currentMode(plan);
  const edition = mode.editions.get($<HTMLSelectElement>("edition").value) ?? mode.editions.get(mode.defaultEdition)!;
  const chosen = selection();
  // One reason is said once, with the add-ons it concerns, rather than beside each of them.
  const reasons = new Map<string, string[]>();
  const dropped: string[] = [];
  for (const addon of mode.addons.values()) {
    const box = document.querySelector<HTMLInputElement>(`input[data-addon="${addon.id}"]`)!;
    const offer = addon.offers.get(edition.id)!;
    const data = { app: appFacts(), mode: mode.id, edition: edition.id, period: $<HTMLInputElement>("period").value, addons: chosen };
    let reason = "";
    // Rules on usage or quantities are judged by the quote, which shows their message.
    const failed = addon.eligible.filter((rule) => !rule.readsUsage && !rule.when(data));
    if (failed.length) reason = failed.map((rule) => rule.message).join(" ");
    else if (offer.kind === "not-offered") reason = offer.reason ?? `Not offered with ${edition.name}.`;
    box.disabled = reason !== "";
    if (box.disabled && box.checked) dropped.push(addon.name);
    if (box.disabled) box.checked = false;
    if (reason) reasons.set(reason, [...(reasons.get(reason) ?? []), addon.name]);
    document.querySelector<HTMLElement>(`[data-price="${addon.id}"]`)!.textContent = reason ? "" : offerWords(offer, addon, plan.money);
    // Settings of an add-on not bought are out of the tab order.
    for (const control of document.querySelectorAll<HTMLInputElement | HTMLSelectElement>(`[data-addon-row="${addon.id}"] input:not([data-addon]), [data-addon-row="${addon.id}"] select`)) {
      control.disabled = box.disabled || !box.checked;
    }
    const select = document.querySelector<HTMLSelectElement>(`select[data-option="${addon.id}"]`);
    if (select && addon.option) {
      const previous = select.value;
      select.name = addon.option.id;
      const cells = offer.kind === "priced" && offer.options ? [...offer.options] : [];
      select.innerHTML = cells
        .map(
          ([value, cell]) =>
            `<option value="${value}"${cell === "not-offered" ? " disabled" : ""}${value === previous ? " selected" : ""}>${value}${addon.option?.unit ? ` ${addon.option.unit}s` : ""}${cell === "not-offered" ? " (not offered)" : cell === "included" ? " (included)" : ""}</option>`,
        )
        .join("");
      select.disabled = box.disabled || !box.checked;
    }
  }
  $("addon-reasons").innerHTML = [...reasons].map(([reason, names]) => `<li>${names.join(", ")}: ${reason}</li>`).join("");
  if (dropped.length) $("addon-dropped").textContent = `Removed with the change of edition: ${dropped.join(", ")}.`;
}

/** What an add-on costs with the edition chosen, beside its checkbox. */
function offerWords(offer: Offer, addon: AddonPlan, money: Plan["money"]): string {
  if (offer.kind === "included") return "included";
  if (offer.kind !== "priced") return "";
  const each = addon.quantity ? ` per ${addon.quantity.unit}` : "";
  if (offer.price) return `${groupText(scaledString(offer.price, money.scale))} ${money.currency}/month${each}`;
  const prices = [...(offer.options?.values() ?? [])].filter((cell): cell is Decimal => typeof cell === "object");
  if (!prices.length) return offer.options ? "included" : "";
  const lowest = prices.reduce((a, b) => (b.lt(a) ? b : a));
  return `from ${groupText(scaledString(lowest, money.scale))} ${money.currency}/month`;
}

function appFacts(): Record<string, string> {
  const facts: Record<string, string> = {};
  const created = $<HTMLInputElement>("created").value;
  const migrated = $<HTMLInputElement>("migrated").value;
  if (created) facts.createdAt = created;
  if (migrated) facts.migratedAt = migrated;
  return facts;
}

function usageDocument(plan: Plan): UsageDocument {
  const usage: Record<string, MeterValue> = {};
  const mode = currentMode(plan);
  const period = $<HTMLInputElement>("period").value;
  document.querySelectorAll<HTMLInputElement>("input[data-meter]").forEach((input) => {
    const text = input.value === "" ? "0" : input.value;
    const id = input.dataset.meter!;
    // A meter read from daily (hourly) values gets the same value every day (hour) of the month.
    const given = mode.meters.get(id)?.input;
    const days = parsePeriod(period)?.days ?? 1;
    const value = given === "daily" || given === "hourly" ? Array.from({ length: given === "hourly" ? days * 24 : days }, () => text) : text;
    const cell = input.dataset.cell ? input.dataset.cell.split(".") : [];
    if (!cell.length) {
      usage[id] = value;
      return;
    }
    let node = (usage[id] ??= {}) as Record<string, MeterValue>;
    for (const key of cell.slice(0, -1)) node = (node[key] ??= {}) as Record<string, MeterValue>;
    node[cell.at(-1)!] = value;
  });
  return {
    ruleset: plan.id,
    period: $<HTMLInputElement>("period").value,
    app: appFacts(),
    mode: $<HTMLSelectElement>("mode").value,
    edition: $<HTMLSelectElement>("edition").value,
    usage,
    addons: selection(),
  };
}

function renderQuote(plan: Plan): void {
  const out = $("result");
  try {
    const q = quote(plan, usageDocument(plan), { explain: true });
    const rows = q.lines
      .map(
        (l) =>
          `<tr><td>${l.description}${l.note ? `<br><small>${l.note}</small>` : ""}</td><td class="num">${groupText(l.quantity)} × ${l.unit}</td><td class="num">${l.unitPrice === null ? "tiered" : groupText(l.unitPrice)}</td><td class="num">${groupText(l.amount)}</td></tr>`,
      )
      .join("");
    const warnings = q.warnings.map((w) => `<li>${w.message}</li>`).join("");
    out.innerHTML = `<div class="scroll" role="region" tabindex="0" aria-label="Quote"><table class="quote"><thead><tr><th>Item</th><th>Quantity</th><th>Unit price</th><th>Amount (${q.currency})</th></tr></thead><tbody>${rows}</tbody><tfoot><tr><th colspan="3">Total</th><td class="num"><strong id="total">${groupText(q.total)}</strong> ${q.currency}</td></tr></tfoot></table></div>
      ${q.settlement ? `<p>Deducted between ${q.settlement.from} and ${q.settlement.to}.</p>` : ""}
      ${warnings ? `<ul class="warnings">${warnings}</ul>` : ""}
      <h4>How it was computed</h4><ul class="explain">${q.lines.map((l) => `<li>${l.explanation}</li>`).join("")}</ul>`;
    out.dataset.total = q.total;
    $("sticky-total").textContent = `Total: ${groupText(q.total)} ${q.currency}`;
  } catch (error) {
    if (!(error instanceof RatecardError)) throw error;
    out.innerHTML = `<ul class="errors">${error.problems.map((p) => `<li>${p.message}</li>`).join("")}</ul>`;
    delete out.dataset.total;
    $("sticky-total").textContent = "No total: see what to change above";
  }
}

document.addEventListener("DOMContentLoaded", start);
