import { freeOfferEnded } from "../../compile/models/free.js";
import { buyableAddons } from "../../evaluate/buyable.js";
import {
  chargePrices,
  type AddonDoc,
  type ChargeDoc,
  type CommitmentDoc,
  type DocsConfig,
  type EditionDoc,
  type MeterDoc,
  type ModeDoc,
  type PriceDoc,
} from "../../model/document.js";
import { appliesWith, type ModePlan, type Offer } from "../../model/plan.js";
import { Decimal } from "../../money/decimal.js";
import { escapeHtml } from "./html.js";
import { offerIn } from "./mode-page.js";
import {
  afterSignup,
  amount,
  includedWords,
  longDate,
  money,
  plural,
  priceWords,
  unitPriceWords,
  type Currency,
} from "./words.js";

/** One billing mode's plan cards, with who it is for. */
export interface PlanGroup {
  mode: ModeDoc;
  plan: ModePlan;
}

const INTERVAL_NAMES: Record<number, string> = { 1: "Monthly", 3: "Quarterly", 6: "Every 6 months", 12: "Yearly" };
const PERIOD_WORDS: Record<number, string> = { 1: "month", 3: "quarter", 6: "half-year", 12: "year" };

/** The months an edition's fee covers; an edition with no fee is shown whatever the interval chosen. */
function intervalOf(edition: EditionDoc): number | undefined {
  if (edition.fee === "free" || edition.fee === "none") return undefined;
  return edition.feeInterval?.months ?? 1;
}

/**
 * The plans section's body: a card per edition a customer can choose today, mode by mode (modes
 * in force first), a switch between fee intervals where editions are billed over several, and
 * the exact prices behind unit prices restated per 1,000 or per million. Prices are those of the
 * first day of the month the pages are made for (`asOf`, YYYY-MM-DD).
 */
export function planCardsHtml(groups: PlanGroup[], config: DocsConfig, currency: Currency, asOf: string): string {
  const intervals = [
    ...new Set(groups.flatMap(({ mode }) => mode.editions.map(intervalOf)).filter((m): m is number => m !== undefined)),
  ].sort((a, b) => a - b);
  const switcher =
    intervals.length > 1
      ? `<fieldset class="interval-switch" data-interval-switch><legend>Fees billed</legend>${intervals.map((months, i) => `<label class="choice"><input type="radio" name="fee-interval" value="${months}"${i === 0 ? " checked" : ""}> ${INTERVAL_NAMES[months] ?? `Every ${months} months`}</label>`).join("")}</fieldset>`
      : "";
  const nested = groups.length > 1;
  const body = groups
    .map(({ mode, plan }) => {
      const cards = `<ul class="cards">${mode.editions.map((edition) => card(edition, mode, plan, config, currency, asOf, nested ? 4 : 3, intervals.length > 1)).join("")}</ul>`;
      if (!nested) return cards;
      return `<div class="mode-plans"><h3>${escapeHtml(mode.name)}</h3><p>${escapeHtml(whoFor(mode))}</p>${cards}</div>`;
    })
    .join("");
  const notes = currency.notes?.items() ?? [];
  return `${switcher}${body}${notes.length ? `<ul class="fine-print" aria-label="Exact unit prices">${notes.map((note) => `<li>${escapeHtml(note)}</li>`).join("")}</ul>` : ""}`;
}

/** Which customers a mode's cards are for, from the rules' own dates and notes. */
function whoFor(mode: ModeDoc): string {
  if (mode.retired)
    return `Retired on ${longDate(mode.retired.on)}.${mode.retired.note ? ` ${mode.retired.note}` : ""}`;
  return `Open to new customers${mode.effective?.from ? ` since ${longDate(mode.effective.from)}` : ""}.`;
}

function card(
  edition: EditionDoc,
  mode: ModeDoc,
  plan: ModePlan,
  config: DocsConfig,
  currency: Currency,
  asOf: string,
  level: number,
  switchable: boolean,
): string {
  const highlight = config.highlight?.edition === edition.id ? config.highlight : undefined;
  const cta = config.cta?.[edition.id];
  const months = intervalOf(edition);
  const included = includedLines(edition, mode, plan, currency);
  const extra = extraLines(edition, mode, plan, currency, asOf);
  const list = (title: string, items: string[]) =>
    items.length
      ? `<p class="list-title">${title}</p><ul>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join("")}</ul>`
      : "";
  return [
    `<li class="card${highlight ? " highlight" : ""}"${switchable && months !== undefined ? ` data-interval="${months}"` : ""}>`,
    highlight ? `<p class="badge">${escapeHtml(highlight.label)}</p>` : "",
    `<h${level}>${escapeHtml(edition.name)}</h${level}>`,
    `<p class="price">${feeHtml(edition, mode, currency)}</p>`,
    ...spendLines(edition, mode, currency).map((line) => `<p class="spend">${escapeHtml(line)}</p>`),
    edition.description ? `<p>${escapeHtml(edition.description)}</p>` : "",
    list("Included", included),
    list("Beyond the plan", extra),
    `<p class="actions">${cta ? `<a class="cta" href="${escapeHtml(cta.url)}">${escapeHtml(cta.label)}</a>` : ""}<a class="estimate" href="#calculator-section" data-mode="${escapeHtml(mode.id)}" data-edition="${escapeHtml(edition.id)}">Estimate your bill<span class="visually-hidden"> with ${escapeHtml(edition.name)}</span></a></p>`,
    `</li>`,
  ].join("");
}

/** "$399.00 /month", "$20.00 per seat /month", "Free", "Pay as you go". */
function feeHtml(edition: EditionDoc, mode: ModeDoc, currency: Currency): string {
  const { fee } = edition;
  if (fee === "free") return `<span class="amount">Free</span>`;
  const period = PERIOD_WORDS[edition.feeInterval?.months ?? 1];
  const advance = edition.feeInterval ? ", billed in advance" : "";
  if (fee === "none" && edition.commitment && edition.feeOnRequest === undefined)
    return `<span class="amount">${escapeHtml(money(committedAmount(edition.commitment), currency))}</span> <span class="per">a ${period} committed${advance}</span>`;
  if (fee === "none") return `<span class="amount">${escapeHtml(edition.feeOnRequest ?? "No plan fee")}</span>`;
  if (typeof fee === "object")
    return `<span class="amount">${escapeHtml(money(fee.unitPrice, currency))}</span> <span class="per">per ${escapeHtml(mode.meters.find((m) => m.id === fee.per)?.unit ?? fee.per)} a ${period}${advance}</span>`;
  return `<span class="amount">${escapeHtml(money(fee, currency))}</span> <span class="per">a ${period}${advance}</span>`;
}

function maximumSpendLine(spend: NonNullable<EditionDoc["maximumSpend"]>, currency: Currency): string {
  if (typeof spend !== "object") return `You never pay more than ${money(spend, currency)} a month`;
  return `${spend.on === "usage" ? "Usage charges" : `Charges for ${spend.on.join(", ")}`} never come to more than ${money(spend.amount, currency)} a month`;
}

function committedAmount(commitment: CommitmentDoc): string {
  return new Decimal(commitment.quantity).times(commitment.unitPrice).toFixed();
}

/** "Commitment: 102,400 GB at $0.0175, $1,792.00 a month": billed whatever the usage. */
function commitmentLine(edition: EditionDoc, mode: ModeDoc, currency: Currency): string[] {
  const { commitment } = edition;
  if (!commitment) return [];
  const meter = mode.meters.find((m) => m.id === commitment.meter);
  const period = PERIOD_WORDS[edition.feeInterval?.months ?? 1];
  const advance = edition.feeInterval ? ", billed in advance" : "";
  return [
    `Commitment: ${amount(commitment.quantity, currency)} ${meter ? plural(meter) : commitment.meter} at ${money(commitment.unitPrice, currency)}, ${money(committedAmount(commitment), currency)} a ${period}${advance}, whatever the usage`,
  ];
}

function spendLines(edition: EditionDoc, mode: ModeDoc, currency: Currency): string[] {
  return [
    ...commitmentLine(edition, mode, currency),
    ...(edition.minimumSpend !== undefined ? [`Minimum spend ${money(edition.minimumSpend, currency)} a month`] : []),
    ...(edition.maximumSpend !== undefined ? [maximumSpendLine(edition.maximumSpend, currency)] : []),
  ];
}

/** Quotas in words ("Users: 5,000 included", "Seats: up to 3"), entitlements, add-ons included. */
function includedLines(edition: EditionDoc, mode: ModeDoc, plan: ModePlan, currency: Currency): string[] {
  const lines: string[] = [];
  for (const meter of mode.meters) {
    const quota = edition.quotas?.[meter.id];
    if (!quota) continue;
    const { included, limit } = quota;
    const fixed = typeof included === "object" ? undefined : included;
    if (limit !== undefined && (included === undefined || (fixed !== undefined && new Decimal(limit).lte(fixed))))
      lines.push(`${meter.name}: up to ${amount(limit, currency)}`);
    else if (included !== undefined)
      lines.push(
        `${meter.name}: ${includedWords(included, meter, mode.meters, currency)} included${quota.firstMonths !== undefined ? ` ${afterSignup(quota.firstMonths)}` : ""}${limit !== undefined ? `, up to ${amount(limit, currency)}` : ""}`,
      );
  }
  for (const entitlement of mode.entitlements ?? []) {
    const value = edition.entitlements?.[entitlement.id];
    if (value === undefined) continue;
    const unit = entitlement.unit ? ` ${String(value) === "1" ? entitlement.unit : `${entitlement.unit}s`}` : "";
    lines.push(`${entitlement.name}: ${value === "unlimited" ? "unlimited" : `${amount(value, currency)}${unit}`}`);
  }
  for (const addon of mode.addons ?? [])
    if (offerIn(plan, addon.id, edition.id)?.kind === "included") lines.push(`${addon.name} included`);
  return lines;
}

/** What more costs with the edition: its usage charges and the add-ons it can buy. */
function extraLines(edition: EditionDoc, mode: ModeDoc, plan: ModePlan, currency: Currency, asOf: string): string[] {
  const charges = (mode.charges ?? [])
    .filter((charge) => plan.charges.some((c) => c.id === charge.id && appliesWith(c, edition.id)))
    .flatMap((charge) => {
      // The check stage refuses a charge on a meter the mode does not have.
      const meter = mode.meters.find((m) => m.id === charge.meter);
      return meter ? [`${charge.name}: ${chargeShort(charge, meter, currency, asOf)}`] : [];
    });
  const buyable = buyableAddons(plan, edition.id);
  const addons = (mode.addons ?? [])
    .filter((addon) => buyable.has(addon.id))
    .flatMap((addon) => {
      const price = addonShort(addon, offerIn(plan, addon.id, edition.id), currency);
      return price ? [`${addon.name}: ${price}`] : [];
    });
  return [...charges, ...addons];
}

/** A charge's price in a few words; a tiered price by its first tier. */
function chargeShort(charge: ChargeDoc, meter: MeterDoc, currency: Currency, asOf: string): string {
  const [first, ...others] = chargePrices(charge).map(({ price }) => price);
  if (!first) return "";
  if (others.length) return `from ${cheapest(first, others, meter, currency)}`;
  return priceShort(first, meter, currency, asOf);
}

function priceShort(price: PriceDoc, meter: MeterDoc, currency: Currency, asOf: string): string {
  const [firstTier] = price.model === "graduated" || price.model === "volume" ? price.tiers : [];
  if (firstTier)
    return `from ${unitPriceWords(firstTier.unitPrice, undefined, meter.unit, plural(meter), currency)}, tiered`;
  if (price.model === "block")
    return `${money(price.blockPrice, currency)} per ${amount(price.blockSize, currency)} ${plural(meter)}`;
  if (price.model === "free" && price.until) {
    // An offer over by the month the pages are made for is not sold any more: the price after it is.
    if (freeOfferEnded(price.until, asOf))
      return price.then ? priceShort(price.then, meter, currency, asOf) : price.note;
    return `${price.note} until ${longDate(price.until)}${price.then ? `, then ${priceShort(price.then, meter, currency, asOf)}` : ""}`;
  }
  return priceWords(price, meter, currency);
}

/** The lowest of several per-unit prices (a meter priced by cell), in words; the first price when none is per unit. */
function cheapest(first: PriceDoc, others: PriceDoc[], meter: MeterDoc, currency: Currency): string {
  const perUnit = [first, ...others].flatMap((price) =>
    price.model === "per-unit" ? [{ price, each: new Decimal(price.unitPrice).div(price.per ?? 1) }] : [],
  );
  if (!perUnit.length) return priceWords(first, meter, currency);
  const lowest = perUnit.reduce((a, b) => (b.each.lt(a.each) ? b : a)).price;
  return unitPriceWords(lowest.unitPrice, lowest.per, meter.unit, plural(meter), currency);
}

/** A bought add-on's price in a few words; none for an add-on the edition includes or does not offer. */
function addonShort(addon: AddonDoc, offer: Offer | undefined, currency: Currency): string {
  if (offer?.kind !== "priced") return "";
  if (offer.options) {
    const prices = [...offer.options.values()].filter((cell): cell is Decimal => typeof cell === "object");
    if (!prices.length) return "";
    const lowest = prices.reduce((a, b) => (b.lt(a) ? b : a));
    return `from ${money(lowest.toFixed(), currency)} a month`;
  }
  const { price } = offer.written;
  if (price === undefined) return addon.trial ? `${amount(addon.trial.days, currency)}-day free trial` : "";
  return `${money(price, currency)}${addon.quantity ? ` per ${addon.quantity.unit}` : ""} a month`;
}
