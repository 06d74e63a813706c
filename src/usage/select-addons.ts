import { listed } from "../errors/format.js";
import type { DocPath } from "../errors/problem.js";
import type { AddonPlan, EditionPlan, ModePlan, Offer, QuantityLimit } from "../model/plan.js";
import type { AddonChoices } from "../model/usage.js";
import { report, type UsageContext } from "./context.js";
import { clip } from "../guard/clip.js";
import { own } from "../guard/own.js";
import { Decimal, wholeNumber } from "../money/decimal.js";
import { counted, groupDigits } from "../money/format.js";
import { failedEligibility } from "./eligibility.js";
import type { MeterReading } from "./meter-reading.js";

/** The facts an add-on's conditions read. */
interface LogicData {
  app: object;
  mode: string;
  edition: string;
  period: string;
  addons: Record<string, unknown>;
  usage: Record<string, number>;
}

/** An add-on the document buys, with the offer of its edition and the chosen option. */
export interface SelectedAddon {
  addon: AddonPlan;
  offer: Exclude<Offer, { kind: "not-offered" }>;
  option?: string;
  activatedAt?: string;
  /** How many units, for add-ons bought in units; 1 otherwise. */
  quantity: number;
}

/** An add-on choice and where the document made it (for error positions). */
export interface AddonChoice {
  value: AddonChoices[string];
  at: DocPath;
}

/** Checks each bought add-on: known, eligible, offered in the edition, with a valid option and dates. */
export function selectAddons(
  context: UsageContext,
  mode: ModePlan,
  edition: EditionPlan,
  choices: ReadonlyMap<string, AddonChoice>,
  usage: () => Record<string, number>,
): SelectedAddon[] {
  const bought = [...choices].filter(([, choice]) => choice.value !== false);
  // What conditions and quantity limits read, built only when an add-on has one.
  let data: LogicData | undefined;
  const logicData = (): LogicData =>
    (data ??= {
      app: context.doc.app ?? {},
      mode: mode.id,
      edition: edition.id,
      period: context.period.month,
      addons: Object.fromEntries(bought.map(([id, choice]) => [id, conditionValue(choice.value)])),
      usage: usage(),
    });
  const selected: SelectedAddon[] = [];
  for (const [id, { value, at }] of bought) {
    const addon = mode.addons.get(id);
    if (!addon) {
      report(
        context,
        at,
        "usage.addon",
        `unknown add-on "${id}"; mode ${mode.id} offers: ${listed([...mode.addons.keys()])}`,
        "key",
      );
      continue;
    }
    const failed = failedEligibility(addon, logicData);
    if (failed.length) {
      for (const message of failed)
        report(
          context,
          at,
          "usage.addon-not-eligible",
          `${addon.name} (${id}) cannot be bought with ${edition.name}: ${message}`,
          "key",
        );
      continue;
    }
    // Every add-on has an offer for each edition of its mode (compiled so).
    const offer = addon.offers.get(edition.id);
    if (!offer || offer.kind === "not-offered") {
      report(
        context,
        at,
        "usage.addon-not-offered",
        `${addon.name} (${id}) is not offered with ${edition.name}${offer?.reason ? `: ${offer.reason}` : ""}`,
        "key",
      );
      continue;
    }
    const settings = typeof value === "object" ? value : {};
    const choice = readSettings(context, addon, offer, settings, at, (limit) => limitValue(limit, mode, logicData()));
    if (choice) selected.push({ addon, offer, ...choice });
  }
  // In the order the rule file lists the add-ons, so quotes do not depend on the document's order.
  return selected.sort((a, b) => a.addon.index - b.addon.index);
}

function readSettings(
  context: UsageContext,
  addon: AddonPlan,
  offer: SelectedAddon["offer"],
  settings: Record<string, string | number | undefined>,
  path: DocPath,
  limitOf: (limit: QuantityLimit) => { value: number; why: string },
): { option?: string; activatedAt?: string; quantity: number } | undefined {
  const unknown = Object.keys(settings).find(
    (key) => key !== "activatedAt" && key !== addon.option?.id && !(addon.quantity && key === "quantity"),
  );
  if (unknown !== undefined) {
    const known = ["activatedAt", ...(addon.option ? [addon.option.id] : []), ...(addon.quantity ? ["quantity"] : [])];
    report(
      context,
      [...path, unknown],
      "usage.option",
      `${addon.id} has no setting "${clip(unknown)}"; it takes: ${known.join(", ")}`,
      "key",
    );
    return undefined;
  }
  const result: { option?: string; activatedAt?: string; quantity: number } = { quantity: 1 };
  if (addon.quantity) {
    const raw = own(settings, "quantity");
    const quantity = wholeUnits(raw);
    const max = addon.quantity.max && limitOf(addon.quantity.max);
    if (quantity === undefined || quantity < 1 || (max && quantity > max.value)) {
      const range = !max
        ? ", at least 1"
        : max.value < 1
          ? ` from 1, but none can be bought: ${max.why} is 0`
          : ` from 1 to ${max.value}${max.why ? ` (${max.why})` : ""}`;
      const aboveMax = quantity !== undefined && quantity >= 1;
      const words = `${addon.id} is bought by the ${addon.quantity.unit}: give quantity, a whole number${range}${raw === undefined ? "" : ` (not ${clip(JSON.stringify(raw))})`}`;
      const message = aboveMax && addon.quantity.message ? `${addon.quantity.message} (${words})` : words;
      report(
        context,
        raw === undefined ? path : [...path, "quantity"],
        aboveMax ? "usage.quantity" : "usage.option",
        message,
      );
      return undefined;
    }
    result.quantity = quantity;
  }
  if (addon.option) {
    const options = offer.kind === "priced" ? offer.options : undefined;
    const raw = own(settings, addon.option.id);
    const choice = raw === undefined ? undefined : String(raw);
    const cell = choice === undefined ? undefined : options?.get(choice);
    if (cell === undefined || cell === "not-offered") {
      const offered = [...(options ?? [])]
        .filter(([, offeredCell]) => offeredCell !== "not-offered")
        .map(([value]) => value);
      const what =
        choice === undefined ? `needs ${addon.option.id}` : `${addon.option.id} ${clip(choice)} is not offered`;
      report(
        context,
        choice === undefined ? path : [...path, addon.option.id],
        "usage.option",
        `${addon.id} ${what}; choose one of: ${listed(offered)}`,
      );
      return undefined;
    }
    if (choice !== undefined) result.option = choice;
  }
  const activatedAt = own(settings, "activatedAt") === undefined ? undefined : String(settings.activatedAt);
  if (activatedAt !== undefined) {
    if (activatedAt > context.period.to) {
      report(
        context,
        [...path, "activatedAt"],
        "usage.date",
        `${addon.id}.activatedAt ${activatedAt} is after ${context.period.month}; an add-on activated later is not billed in this month`,
      );
      return undefined;
    }
    result.activatedAt = activatedAt;
  } else if (addon.trial) {
    report(
      context,
      path,
      "usage.date",
      `${addon.id} has a ${addon.trial.days}-day free trial counted from its activation; give addons.${addon.id}.activatedAt (YYYY-MM-DD)`,
    );
    return undefined;
  }
  return result;
}

/** The number a quantity limit stands for in this document, and its words ("the month's seats"). */
function limitValue(
  limit: QuantityLimit,
  mode: ModePlan,
  data: { usage: Record<string, number>; addons: Record<string, unknown> },
): { value: number; why: string } {
  if (limit.kind === "fixed") return { value: limit.value, why: "" };
  if (limit.kind === "per") {
    const meter = mode.meters.get(limit.meter)!;
    const units = new Decimal(own(data.usage, limit.meter) ?? 0);
    return {
      value: limit.amount.times(units).floor().toNumber(),
      why: `${groupDigits(limit.amount)} per ${meter.unit} × ${counted(units, meter)}`,
    };
  }
  if (limit.kind === "usage") {
    const meter = mode.meters.get(limit.meter)!;
    // eslint-disable-next-line ratecard/no-float-money -- a whole count of units, not money
    return { value: Math.floor(own(data.usage, limit.meter) ?? 0), why: `the month's ${meter.plural}` };
  }
  const other = own(data.addons, limit.id);
  const addon = mode.addons.get(limit.id);
  const quantity =
    typeof other === "object" && other !== null ? own(other as Record<string, unknown>, "quantity") : undefined;
  return {
    value: typeof quantity === "number" ? quantity : 0,
    why: `the ${addon?.quantity?.plural ?? limit.id} of ${addon?.name ?? limit.id} bought`,
  };
}

/**
 * The month's meter values as numbers, for conditions. Conditions compare numbers: exact for
 * values up to 2^53, which is where any eligibility threshold lies; prices never pass through here.
 */
export function usageFacts(meters: ReadonlyMap<string, MeterReading>): Record<string, number> {
  const facts: Record<string, number> = {};
  for (const [id, reading] of meters) facts[id] = wholeNumber(reading.value) ?? reading.value.toNumber();
  return facts;
}

/** An add-on choice as conditions see it: a quantity written as digits becomes a number, so "9" < "10". */
function conditionValue(value: AddonChoice["value"]): AddonChoice["value"] {
  if (typeof value !== "object" || value === null) return value;
  const quantity = wholeUnits(own(value, "quantity"));
  return quantity === undefined ? value : { ...value, quantity };
}

/** A count of units written as digits only ("3" or 3, not "0x3", "3e0" or " 3 "), within safe integers. */
function wholeUnits(raw: unknown): number | undefined {
  const text = typeof raw === "number" ? String(raw) : typeof raw === "string" ? raw : "";
  // eslint-disable-next-line ratecard/no-float-money -- a count of at most 15 digits is exact as a number
  return /^\d{1,15}$/.test(text) ? Number(text) : undefined;
}
