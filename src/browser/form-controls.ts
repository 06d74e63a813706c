import { parsePeriod } from "../calendar/period.js";
import type { AddonPlan, MeterPlan, Offer, Plan } from "../model/plan.js";
import type { AddonChoices, MeterValue, UsageDocument } from "../model/usage.js";
import { Decimal, scaledString } from "../money/decimal.js";
import { readDecimal } from "../money/read-decimal.js";
import { localMoney } from "../money/locale-format.js";
import { $, currentMode, esc, valueOf, type PageFormat } from "./dom.js";
import { carried } from "./example-loader.js";

/** The chosen mode's editions; the change-of-edition choice only where there is another to change to. */
export function renderEditions(plan: Plan): void {
  const mode = currentMode(plan);
  if (!mode) return;
  const options = [...mode.editions.values()]
    .map(
      (e) => `<option value="${esc(e.id)}"${e.id === mode.defaultEdition ? " selected" : ""}>${esc(e.name)}</option>`,
    )
    .join("");
  $<HTMLSelectElement>("edition").innerHTML = options;
  $<HTMLSelectElement>("change-to").innerHTML =
    `<option value="">No change</option>${options.replace(" selected", "")}`;
  const single = mode.editions.size < 2;
  $("change-on-field").hidden = single;
  $("change-to-field").hidden = single;
}

const AGGREGATE_WORDS = {
  max: "peak",
  min: "lowest",
  sum: "total",
  average: "average",
  latest: "latest",
  percentile: "percentile",
} as const;

/** The cells of a meter: every combination of its dimensions' known values; one empty cell for a plain meter. */
function cellsOf(meter: MeterPlan): string[][] {
  return meter.dimensions.reduce<string[][]>(
    (cells, dimension) => cells.flatMap((cell) => dimension.values.map((value) => [...cell, value])),
    [[]],
  );
}

/** One input per meter (per cell for a meter with dimensions), the add-ons and the coupons of the chosen mode. */
export function renderMeters(plan: Plan): void {
  const mode = currentMode(plan);
  if (!mode) return;
  $("meters").innerHTML = [...mode.meters.values()]
    .flatMap((m) =>
      cellsOf(m).map(
        (cell) =>
          `<label>${esc(m.name)}${cell.length ? ` (${esc(cell.join(", "))})` : ""} <small>(${AGGREGATE_WORDS[m.aggregate]}, ${esc(m.plural)}${seriesWords(m)})</small><input type="number" inputmode="decimal" min="0" step="${m.integer ? 1 : "any"}" name="meter" data-meter="${esc(m.id)}" data-cell="${esc(cell.join("."))}" value="0"></label>`,
      ),
    )
    .join("");
  $("addons").innerHTML = [...mode.addons.values()].map(addonControl).join("");
  $("addons-field").hidden = mode.addons.size === 0;
  const coupons = mode.discounts.filter((d) => d.coupon);
  $("coupons").innerHTML = coupons
    .map((d) => `<label class="check"><input type="checkbox" data-coupon="${esc(d.id)}"> ${esc(d.name)}</label>`)
    .join("");
  $("coupons-field").hidden = coupons.length === 0;
}

/**
 * How the form turns one number into a meter's daily (hourly) values (usageDocument): said beside
 * the box, since a daily allowance then applies to equal days, and uneven days cost more.
 */
function seriesWords(meter: MeterPlan): string {
  if (meter.input !== "daily" && meter.input !== "hourly") return "";
  const unit = meter.input === "daily" ? "days" : "hours";
  return meter.aggregate === "sum"
    ? `; split evenly over the month's ${unit}`
    : `; the same on each of the month's ${unit}`;
}

function addonControl(addon: AddonPlan): string {
  const options = addon.option
    ? `<label class="inline">${esc(addon.option.name)} <select data-option="${esc(addon.id)}"></select></label>`
    : "";
  const trial = addon.trial
    ? `<label class="inline">activated on <input type="date" data-activated="${esc(addon.id)}"> <small>(empty: the 1st of the month)</small></label>`
    : "";
  const quantity = addon.quantity
    ? `<label class="inline">${esc(addon.quantity.plural)} <input type="number" inputmode="numeric" min="1"${addon.quantity.max?.kind === "fixed" ? ` max="${addon.quantity.max.value}"` : ""} step="1" value="1" data-quantity="${esc(addon.id)}"></label>`
    : "";
  return `<div class="addon" data-addon-row="${esc(addon.id)}"><label class="check"><input type="checkbox" data-addon="${esc(addon.id)}"> ${esc(addon.name)}${addon.status === "beta" ? " (beta)" : ""} <span class="price" data-price="${esc(addon.id)}"></span></label> ${options} ${quantity} ${trial}</div>`;
}

/** The add-ons ticked (and enabled), with their settings. */
function selection(): AddonChoices {
  const choices: AddonChoices = {};
  document.querySelectorAll<HTMLInputElement>("input[data-addon]").forEach((box) => {
    const id = box.dataset.addon;
    if (!box.checked || box.disabled || id === undefined) return;
    const option = document.querySelector<HTMLSelectElement>(`select[data-option="${id}"]`);
    const activated = document.querySelector<HTMLInputElement>(`input[data-activated="${id}"]`);
    const quantity = document.querySelector<HTMLInputElement>(`input[data-quantity="${id}"]`);
    const settings: Record<string, string | number> = {};
    // A whole number typed in goes as a number, as a document writes it: a refusal then quotes it alike ("not 121").
    if (quantity)
      settings.quantity = /^[1-9][0-9]{0,14}$/.test(quantity.value) ? Number(quantity.value) : quantity.value; // eslint-disable-line ratecard/no-float-money -- a count below 10^15, exact
    if (option?.value) settings[option.name || "option"] = option.value;
    // A trial add-on with no activation date is taken as activated on the first day of the month quoted.
    if (activated) settings.activatedAt = activated.value || `${valueOf("period")}-01`;
    choices[id] = Object.keys(settings).length ? settings : true;
  });
  return choices;
}

/** Disables what the chosen edition cannot buy, and says why. */
export function renderControls(plan: Plan, format: PageFormat): void {
  const mode = currentMode(plan);
  if (!mode) return;
  const edition = mode.editions.get(valueOf("edition")) ?? mode.editions.get(mode.defaultEdition);
  if (!edition) return;
  const chosen = selection();
  // One reason is said once, with the add-ons it concerns, rather than beside each of them.
  const reasons = new Map<string, string[]>();
  const dropped: string[] = [];
  for (const addon of mode.addons.values()) {
    const box = document.querySelector<HTMLInputElement>(`input[data-addon="${addon.id}"]`);
    const offer = addon.offers.get(edition.id);
    // A page edited by hand may have dropped the add-on's checkbox.
    if (!box || !offer) continue;
    const data = { app: appFacts(), mode: mode.id, edition: edition.id, period: valueOf("period"), addons: chosen };
    let reason = "";
    // Rules on usage or quantities are judged by the quote, which shows their message.
    const failed = addon.eligible.filter((rule) => !rule.readsUsage && !rule.when(data));
    if (failed.length) reason = failed.map((rule) => rule.message).join(" ");
    else if (offer.kind === "not-offered") reason = offer.reason ?? `Not offered with ${edition.name}.`;
    box.disabled = reason !== "";
    if (box.disabled && box.checked) dropped.push(addon.name);
    if (box.disabled) box.checked = false;
    if (reason) reasons.set(reason, [...(reasons.get(reason) ?? []), addon.name]);
    const price = document.querySelector<HTMLElement>(`[data-price="${addon.id}"]`);
    if (price) price.textContent = reason ? "" : offerWords(offer, addon, plan.money.scale, format);
    // Settings of an add-on not bought are out of the tab order.
    for (const control of document.querySelectorAll<HTMLInputElement | HTMLSelectElement>(
      `[data-addon-row="${addon.id}"] input:not([data-addon]), [data-addon-row="${addon.id}"] select`,
    )) {
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
            `<option value="${esc(value)}"${cell === "not-offered" ? " disabled" : ""}${value === previous ? " selected" : ""}>${esc(value)}${addon.option?.unit ? ` ${esc(addon.option.unit)}s` : ""}${cell === "not-offered" ? " (not offered)" : cell === "included" ? " (included)" : ""}</option>`,
        )
        .join("");
      select.disabled = box.disabled || !box.checked;
    }
  }
  $("addon-reasons").innerHTML = [...reasons]
    .map(([reason, names]) => `<li>${esc(names.join(", "))}: ${esc(reason)}</li>`)
    .join("");
  if (dropped.length) $("addon-dropped").textContent = `Removed with the change of edition: ${dropped.join(", ")}.`;
}

/** What an add-on costs with the edition chosen, beside its checkbox. */
function offerWords(offer: Offer, addon: AddonPlan, scale: number, format: PageFormat): string {
  const price = (value: Decimal) => localMoney(scaledString(value, scale), format.currency, format.locale);
  if (offer.kind === "included") return "included";
  if (offer.kind !== "priced") return "";
  const each = addon.quantity ? ` per ${addon.quantity.unit}` : "";
  if (offer.price) return `${price(offer.price)} a month${each}`;
  const prices = [...(offer.options?.values() ?? [])].filter((cell): cell is Decimal => typeof cell === "object");
  if (!prices.length) return offer.options ? "included" : "";
  return `from ${price(prices.reduce((a, b) => (b.lt(a) ? b : a)))} a month`;
}

function appFacts(): Record<string, string> {
  const facts: Record<string, string> = {};
  if (valueOf("created")) facts.createdAt = valueOf("created");
  if (valueOf("migrated")) facts.migratedAt = valueOf("migrated");
  return facts;
}

/** A month's total as `count` values that add up to it: equal shares, whole on a count meter, the rest on the first. */
function spread(text: string, count: number, integer: boolean): string[] {
  const total = readDecimal(text);
  if (typeof total === "string") return Array.from({ length: count }, () => text); // the quote refuses it
  const share = total.div(count).toDecimalPlaces(integer ? 0 : 6, Decimal.ROUND_DOWN);
  const values = Array.from({ length: count }, () => share.toFixed());
  values[0] = total.minus(share.times(count - 1)).toFixed();
  return values;
}

/** The usage document the form states, as `ratecard quote` reads one. */
export function usageDocument(plan: Plan): UsageDocument {
  const usage: Record<string, MeterValue> = {};
  const mode = currentMode(plan);
  const period = valueOf("period");
  document.querySelectorAll<HTMLInputElement>("input[data-meter]").forEach((input) => {
    const text = input.value === "" ? "0" : input.value;
    const id = input.dataset.meter;
    if (id === undefined) return;
    // A meter read from daily (hourly) values gets the same value every day (hour) of the month;
    // a sum of them, the month's total spread evenly over the days (hours).
    const meter = mode?.meters.get(id);
    const given = meter?.input;
    const days = parsePeriod(period)?.days ?? 1;
    const kept = carried.series.get(id);
    const count = given === "hourly" ? days * 24 : days;
    const value =
      kept && kept.shown === text
        ? kept.raw
        : given === "daily" || given === "hourly"
          ? meter!.aggregate === "sum"
            ? spread(text, count, meter!.integer)
            : Array.from({ length: count }, () => text)
          : text;
    const path = input.dataset.cell ? input.dataset.cell.split(".") : [];
    const last = path.pop();
    if (last === undefined) {
      usage[id] = value;
      return;
    }
    let node = (usage[id] ??= {}) as Record<string, MeterValue>;
    for (const key of path) node = (node[key] ??= {}) as Record<string, MeterValue>;
    node[last] = value;
  });
  const coupons = [...document.querySelectorAll<HTMLInputElement>("input[data-coupon]:checked")].flatMap(
    (box) => box.dataset.coupon ?? [],
  );
  const credit = valueOf("credit");
  const changeOn = valueOf("change-on");
  const changeTo = valueOf("change-to");
  return {
    ruleset: plan.id,
    period,
    app: appFacts(),
    mode: valueOf("mode"),
    edition: valueOf("edition"),
    usage,
    addons: selection(),
    ...(coupons.length ? { coupons } : {}),
    ...(credit && credit !== "0" ? { credits: [{ id: "credit", balance: credit }] } : {}),
    ...(changeOn && changeTo ? { changes: [{ on: changeOn, edition: changeTo }] } : {}),
    ...(carried.overrides ? { overrides: carried.overrides } : {}),
  };
}
