import { buyableAddons } from "../../evaluate/buyable.js";
import {
  cellsDocWords,
  chargePrices,
  quotaList,
  type QuotaDoc,
  type AddonDoc,
  type ChargeDoc,
  type DiscountDoc,
  type MeterDoc,
  type EditionDoc,
  type DecimalText,
  type LimitText,
  type MaximumSpendDoc,
  type ModeDoc,
  type RuleSetDoc,
} from "../../model/document.js";
import {
  appliesWith,
  type DiscountPlan,
  type Limit,
  type ModePlan,
  type Offer,
  type QuantityLimit,
} from "../../model/plan.js";
import { scaledString } from "../../money/decimal.js";
import { LINE_BREAK, type Block, type Page } from "./page.js";
import {
  aggregateWords,
  amount,
  includedWords,
  longDate,
  money,
  plural,
  PriceNotes,
  priceWords,
  type Currency,
} from "./words.js";

/** Everything one billing mode's pricing page is made of. */
export interface ModePageInput {
  root: RuleSetDoc;
  /** The latest version compiled: its offers and eligibility rules, as quotes read them. */
  plan: ModePlan;
  /** The mode's latest price version, the one the page prices. */
  mode: ModeDoc;
  /** Its earlier price versions, oldest first. */
  earlier: ModeDoc[];
  /** Every mode's latest version, for names in migration notes. */
  modes: ModeDoc[];
  /** The customer's locale for amounts ("en-US"). */
  locale: string;
}

/** A customer-facing pricing page for one billing mode, all of it generated from the rules. */
export function modePage({ root, plan, mode, earlier, modes, locale }: ModePageInput): Page {
  const priceNotes = new PriceNotes();
  const currency: Currency = { code: root.money.currency, scale: root.money.scale, locale, notes: priceNotes };
  const blocks: Block[] = [{ kind: "heading", level: 1, text: `${root.name}: ${mode.name}` }];
  if (mode.description) blocks.push({ kind: "paragraph", text: mode.description });
  blocks.push(...status(root, mode, modes));
  blocks.push({ kind: "heading", level: 2, text: "Plan prices" }, editionsTable(mode, currency));
  blocks.push({ kind: "heading", level: 2, text: "Billing cycle" }, { kind: "paragraph", text: billingText(root) });
  const changes = mode.planChanges;
  if (
    changes &&
    (changes.proration === "daily" || changes.perMonth !== undefined || changes.downgradeToFree === false)
  ) {
    blocks.push(
      { kind: "heading", level: 2, text: "Changing plans" },
      { kind: "list", items: planChangeItems(changes) },
    );
  }
  if (mode.charges?.length)
    blocks.push(
      { kind: "heading", level: 2, text: "Fees for out-of-plan usage" },
      { kind: "paragraph", text: "Usage above the quota of a plan is billed as follows." },
      chargesTable(mode, plan, currency),
    );
  blocks.push({ kind: "heading", level: 2, text: "Compare editions" }, comparisonTable(mode, plan, currency));
  if (mode.addons?.length)
    blocks.push({ kind: "heading", level: 2, text: "Value-added services" }, ...addonBlocks(mode, plan, currency));
  if (mode.discounts?.length) {
    blocks.push(
      { kind: "heading", level: 2, text: "Discounts" },
      { kind: "list", items: mode.discounts.map((d) => discountWords(d, mode, plan, currency)) },
    );
    if (mode.discounts.length > 1)
      blocks.push({
        kind: "paragraph",
        text: "Discounts apply in this order, each to what is left after the ones before it; together they never take more than the bill.",
      });
  }
  const notes = noteItems(mode, currency);
  if (notes.length) blocks.push({ kind: "heading", level: 2, text: "Notes" }, { kind: "list", items: notes });
  if (earlier.length)
    blocks.push(
      { kind: "heading", level: 2, text: "Price history" },
      { kind: "list", items: earlier.map((v) => historyItem(v, currency)) },
    );
  if (priceNotes.items().length)
    blocks.push({ kind: "heading", level: 2, text: "Exact unit prices" }, { kind: "list", items: priceNotes.items() });
  return { title: `${root.name}: ${mode.name}`, blocks };
}

function status(root: RuleSetDoc, mode: ModeDoc, modes: ModeDoc[]): Block[] {
  const items: string[] = [];
  if (mode.effective?.from) items.push(`These prices are in force since ${longDate(mode.effective.from)}.`);
  if (mode.retired) {
    items.push(
      `This billing mode was retired on ${longDate(mode.retired.on)}.${mode.retired.note ? ` ${mode.retired.note}` : ""}`,
    );
  }
  for (const migration of root.migrations ?? []) {
    if (migration.from !== mode.id) continue;
    const to = modes.find((m) => m.id === migration.to)?.name ?? migration.to;
    items.push(
      `Apps can migrate from this mode to the ${to}.${migration.reversible ? "" : " Migrating is one-way: once migrated, the billing mode cannot be restored."}${migration.note ? ` ${migration.note}` : ""}`,
    );
  }
  for (const migration of root.migrations ?? []) {
    if (migration.to !== mode.id) continue;
    const from = modes.find((m) => m.id === migration.from)?.name ?? migration.from;
    items.push(
      `Apps on the ${from} can migrate to this mode${migration.reversible ? "" : "; the migration cannot be reverted"}.`,
    );
  }
  return items.map((text) => ({ kind: "note", text }));
}

/** An edition's fee as a price list states it: "Free", "Pay as you go", "49.00 EUR/month", "20.00 USD per seat/month". */
function feeText(edition: EditionDoc, mode: ModeDoc, currency: Currency): string {
  const { fee } = edition;
  if (fee === "free") return "Free";
  if (fee === "none") return edition.feeOnRequest ?? "Pay as you go";
  const interval = edition.feeInterval;
  const per = interval ? { 3: "quarter", 6: "half-year", 12: "year" }[interval.months] : "month";
  const advance = interval
    ? `, billed in advance${interval.anchor === "signup" ? " from the month of sign-up" : ""}`
    : "";
  if (typeof fee === "object")
    return `${money(fee.unitPrice, currency)} per ${mode.meters.find((m) => m.id === fee.per)?.unit ?? fee.per}/${per}${advance}`;
  return `${money(fee, currency)}/${per}${advance}`;
}

/** "50 hosts at $12.00/month each", or with the fee's interval "50 hosts at $144.00/year each, billed in advance". */
function commitmentText(edition: EditionDoc, mode: ModeDoc, currency: Currency): string {
  const { commitment } = edition;
  if (!commitment) return "-";
  const meter = mode.meters.find((m) => m.id === commitment.meter);
  const interval = edition.feeInterval;
  const per = interval
    ? `${{ 3: "quarter", 6: "half-year", 12: "year" }[interval.months]} each, billed in advance`
    : "month each";
  return `${amount(commitment.quantity, currency)} ${meter ? plural(meter) : commitment.meter} at ${money(commitment.unitPrice, currency)}/${per}`;
}

/** "$500.00/month", or for a cap on a group of lines "$500.00/month on usage charges". */
function spendText(spend: MaximumSpendDoc | DecimalText | undefined, mode: ModeDoc, currency: Currency): string {
  if (spend === undefined) return "-";
  if (typeof spend !== "object") return `${money(spend, currency)}/month`;
  const names =
    spend.on === "usage"
      ? "usage charges"
      : spend.on.map((id) => mode.charges?.find((c) => c.id === id)?.name ?? id).join(", ");
  return `${money(spend.amount, currency)}/month on ${names}`;
}

/** The editions and their fees, and the spend bounds the rules state. */
function editionsTable(mode: ModeDoc, currency: Currency): Block {
  const rows = [["Price", ...mode.editions.map((e) => feeText(e, mode, currency))]];
  for (const [label, of] of [
    ["Minimum spend", (e: EditionDoc) => e.minimumSpend],
    ["Maximum spend", (e: EditionDoc) => e.maximumSpend],
  ] as const) {
    if (mode.editions.some((e) => of(e) !== undefined))
      rows.push([label, ...mode.editions.map((e) => spendText(of(e), mode, currency))]);
  }
  if (mode.editions.some((e) => e.commitment))
    rows.push([
      "Commitment (billed whatever the usage)",
      ...mode.editions.map((e) => commitmentText(e, mode, currency)),
    ]);
  return { kind: "table", header: ["Item", ...mode.editions.map((e) => e.name)], rows };
}

function billingText(root: RuleSetDoc): string {
  if (!root.billing.settlement) return "Billed by calendar month.";
  const days = root.billing.settlement.days;
  const rule = `Billed by calendar month. Fees incurred in a calendar month are deducted within the first ${days} day${days === 1 ? "" : "s"} of the next month.`;
  const text = root.billing.settlement.text;
  return text && text !== rule.slice("Billed by calendar month. ".length) ? `${rule} ${text}` : rule;
}

function planChangeItems(rules: NonNullable<ModeDoc["planChanges"]>): string[] {
  const items: string[] = [];
  items.push(
    rules.proration === "daily"
      ? "In a month in which the plan changes, each plan's fee is charged by day."
      : "A month is billed at the plan in force at its end.",
  );
  if (rules.perMonth !== undefined)
    items.push(`The plan can change ${rules.perMonth === 1 ? "once" : `${rules.perMonth} times`} per calendar month.`);
  if (rules.downgradeToFree === false) items.push("A paid plan cannot be changed back to a free edition.");
  if (rules.note) items.push(rules.note);
  return items;
}

function chargesTable(mode: ModeDoc, plan: ModePlan, currency: Currency): Block {
  const rows = (mode.charges ?? []).flatMap((charge) => {
    // The check stage refuses a charge on a meter the mode does not have.
    const meter = mode.meters.find((m) => m.id === charge.meter);
    const compiled = plan.charges.find((c) => c.id === charge.id);
    if (!meter || !compiled) return [];
    const applies = (id: string) => appliesWith(compiled, id);
    const cap = charge.cap === undefined ? "" : ` At most ${money(charge.cap, currency)} a month.`;
    return [
      [
        `${meter.name} (${aggregateWords(meter)})`,
        ...mode.editions.map((e) => (applies(e.id) ? `${chargeWords(charge, meter, currency)}${cap}` : "-")),
      ],
    ];
  });
  return { kind: "table", header: ["Billable item", ...mode.editions.map((e) => e.name)], rows };
}

/** What a compiled discount applies to, in words: "the whole bill", "the plan fee", or the charge's or add-on's name. */
function onWords(on: DiscountPlan["on"] | undefined, plan: ModePlan): string {
  if (on?.kind === "total") return "the whole bill";
  if (on?.kind === "fee") return "the plan fee";
  if (on?.kind === "usage") return plan.charges.find((c) => c.id === on.id)?.name ?? "";
  return on ? (plan.addons.get(on.id)?.name ?? "") : "";
}

/** "Startup: 20% off the whole bill, in a customer's first 3 months, with the coupon startup." */
function discountWords(discount: DiscountDoc, mode: ModeDoc, plan: ModePlan, currency: Currency): string {
  const off = offWords(discount, currency);
  const on = onWords(plan.discounts.find((d) => d.id === discount.id)?.on, plan);
  const when = [
    discount.editions
      ? `with ${discount.editions.map((id) => mode.editions.find((e) => e.id === id)?.name ?? id).join(" or ")}`
      : "",
    discount.firstMonths !== undefined ? firstMonthsWords(discount.firstMonths, discount.firstMonthsFrom) : "",
    discount.from ? `from ${longDate(discount.from)}` : "",
    discount.until ? `until ${longDate(discount.until)}` : "",
    discount.coupon ? `with the coupon ${discount.id}` : "",
  ].filter(Boolean);
  return `${discount.name}: ${off} ${on}${when.length ? `, ${when.join(", ")}` : ""}.`;
}

/** "in a customer's first 3 months"; counted from the sign-up day, prorated by day in the month they end. */
function firstMonthsWords(months: number, from: DiscountDoc["firstMonthsFrom"]): string {
  const first = `in a customer's first ${months} month${months === 1 ? "" : "s"}`;
  return from === "signup-day"
    ? `${first} from the sign-up day (prorated by day in the month ${months === 1 ? "it ends" : "they end"})`
    : first;
}

/** "20% off", "5.00 USD off": the schema gives a discount a percent or an amount, never both. */
function offWords(discount: DiscountDoc, currency: Currency): string {
  return discount.percent !== undefined
    ? `${amount(discount.percent, currency)}% off`
    : `${money(discount.amount, currency)} off`;
}

/** " (up to 50)", " (up to one per seat)". */
function maxWords(limit: QuantityLimit | undefined, mode: ModeDoc, currency: Currency): string {
  const unitOf = (meter: string) => mode.meters.find((m) => m.id === meter)?.unit ?? "unit";
  switch (limit?.kind) {
    case undefined:
      return "";
    case "fixed":
      return ` (up to ${amount(limit.value, currency)})`;
    case "usage":
      return ` (up to one per ${unitOf(limit.meter)})`;
    case "per":
      return ` (up to ${amount(scaledString(limit.amount, 0), currency)} per ${unitOf(limit.meter)})`;
    case "addon": {
      const other = mode.addons?.find((a) => a.id === limit.id);
      return ` (up to one per ${other?.quantity?.unit ?? "unit"} of ${other?.name ?? "another add-on"})`;
    }
  }
}

function limit(value: LimitText | undefined, currency: Currency): string {
  return value === undefined ? NO : value === "unlimited" ? "Unlimited" : amount(value, currency);
}

/** What an edition's quotas on a meter include: "5,000 users", "5 GB (class standard); 1 GB (class archive)". */
function quotaWords(written: QuotaDoc | QuotaDoc[], meter: MeterDoc, mode: ModeDoc, currency: Currency): string {
  const parts = quotaList(written).filter((quota) => quota.included !== undefined);
  if (!parts.length) return NO;
  return parts
    .map(
      (quota) =>
        `${includedWords(quota.included!, meter, mode.meters, currency, quota.firstMonths)}${quota.cells ? ` (${cellsDocWords(quota.cells)})` : ""}`,
    )
    .join("; ");
}

const YES = "✓";
const NO = "✗";

/** Editions side by side: quotas, hard limits, entitlements and add-ons (✓ included, ✗ not offered). */
function comparisonTable(mode: ModeDoc, plan: ModePlan, currency: Currency): Block {
  const rows: string[][] = [];
  for (const meter of mode.meters) {
    const written = mode.editions.map((e) => e.quotas?.[meter.id]);
    if (written.every((q) => !q)) continue;
    rows.push([`${meter.name} included`, ...written.map((q) => (q ? quotaWords(q, meter, mode, currency) : NO))]);
    // A meter with dimensions has no hard limit (the check stage refuses one), so its quotas are never a list here.
    const quotas = written.map((q) => (Array.isArray(q) ? undefined : q));
    if (quotas.some((q) => q?.limit !== undefined))
      rows.push([
        `${meter.name}: most allowed (above it the service is restricted, not billed)`,
        ...quotas.map((q) => (q?.limit === undefined ? "No limit" : amount(q.limit, currency))),
      ]);
  }
  for (const entitlement of mode.entitlements ?? []) {
    rows.push([
      `${entitlement.name}${entitlement.unit ? ` (${entitlement.unit}s)` : ""}`,
      ...mode.editions.map((e) => withAddons(mode, plan, e, entitlement.id, currency)),
    ]);
  }
  const columns = editionColumns(mode, plan);
  for (const addon of mode.addons ?? []) {
    rows.push([
      addon.name,
      ...columns.map(({ edition, buyable }) =>
        offerIn(plan, addon.id, edition.id)?.kind === "included"
          ? `${YES} Included`
          : buyable.has(addon.id)
            ? "Add-on"
            : NO,
      ),
    ]);
  }
  return { kind: "table", header: ["Feature", ...mode.editions.map((e) => e.name)], rows };
}

/** "200 (2,000 with More members per group)". */
function withAddons(
  mode: ModeDoc,
  plan: ModePlan,
  edition: EditionDoc,
  entitlement: string,
  currency: Currency,
): string {
  const base = limit(edition.entitlements?.[entitlement], currency);
  const raised = (mode.addons ?? []).flatMap((addon) => {
    const offer = offerIn(plan, addon.id, edition.id);
    const grant = offer?.kind === "priced" ? offer.grants.get(entitlement) : undefined;
    return grant === undefined ? [] : [`${grantText(grant, currency)} with ${addon.name}`];
  });
  return raised.length ? `${base} (${raised.join(", ")})` : base;
}

/** A limit an add-on grants: the schema writes it as a whole number, so its Decimal reads the same. */
function grantText(grant: Limit, currency: Currency): string {
  return grant === "unlimited" ? "Unlimited" : amount(grant.toFixed(), currency);
}

/** How an add-on is offered in an edition: the compiled plan's offer, the one quotes are priced by. */
export function offerIn(plan: ModePlan, addon: string, edition: string): Offer | undefined {
  return plan.addons.get(addon)?.offers.get(edition);
}

/** Each edition of the page, with the add-ons it can buy. */
function editionColumns(mode: ModeDoc, plan: ModePlan): { edition: EditionDoc; buyable: ReadonlySet<string> }[] {
  return mode.editions.map((edition) => ({ edition, buyable: buyableAddons(plan, edition.id) }));
}

function addonBlocks(mode: ModeDoc, plan: ModePlan, currency: Currency): Block[] {
  const columns = editionColumns(mode, plan);
  const rows = (mode.addons ?? []).map((addon) => [
    `${addon.name}${addon.status === "beta" ? " (beta)" : ""}`,
    ...columns.map(({ edition, buyable }) => {
      const offer = offerIn(plan, addon.id, edition.id);
      return buyable.has(addon.id) || offer?.kind === "included" ? addonCell(addon, offer, plan, mode, currency) : "-";
    }),
  ]);
  const blocks: Block[] = [{ kind: "table", header: ["Billable item", ...mode.editions.map((e) => e.name)], rows }];
  const described = (mode.addons ?? []).flatMap((addon) =>
    addon.description ? [`${addon.name}: ${addon.description}`] : [],
  );
  const messages = [...plan.addons.values()].flatMap((addon) => addon.eligible.map((rule) => rule.message));
  const items = [...described, ...new Set(messages)];
  if (items.length) blocks.push({ kind: "list", items });
  return blocks;
}

function addonCell(
  addon: AddonDoc,
  offer: Offer | undefined,
  plan: ModePlan,
  mode: ModeDoc,
  currency: Currency,
): string {
  if (!offer || offer.kind === "not-offered") return "-";
  if (offer.kind === "included") return `Included${offer.reason ? `: ${offer.reason}` : ""}`;
  const unit = addon.option?.unit ? ` ${addon.option.unit}s` : "";
  const { price, options } = offer.written;
  if (options) {
    return Object.entries(options)
      .filter(([, cell]) => cell !== "not-offered")
      .map(
        ([value, cell]) =>
          `${amount(value, currency)}${unit}: ${cell === "included" ? "included" : `${money(cell, currency)}/month`}`,
      )
      .join(LINE_BREAK);
  }
  const trial = addon.trial ? `${amount(addon.trial.days, currency)}-day free trial` : "";
  if (price === undefined) return trial || "No published price";
  const per = addon.quantity
    ? ` per ${addon.quantity.unit}${maxWords(plan.addons.get(addon.id)?.quantity?.max, mode, currency)}`
    : "";
  return `${offer.note ? `${offer.note}: ` : ""}${money(price, currency)}/month${per}${trial ? ` (${trial})` : ""}`;
}

/** A charge's price in words; by cell ("large, input: 2.50 USD per 1,000,000 tokens/month") for a meter with dimensions. */
function chargeWords(charge: ChargeDoc, meter: MeterDoc, currency: Currency): string {
  return chargePrices(charge)
    .map(
      ({ price, match }) =>
        `${match && Object.keys(match).length ? `${Object.values(match).join(", ")}: ` : chargePrices(charge).length > 1 ? "Other: " : ""}${priceWords(price, meter, currency)}`,
    )
    .join(LINE_BREAK);
}

function noteItems(mode: ModeDoc, currency: Currency): string[] {
  const notes: string[] = [];
  for (const charge of mode.charges ?? []) {
    for (const { price } of chargePrices(charge))
      if (price.model === "free")
        notes.push(`${charge.name}: ${price.note}${price.until ? ` until ${longDate(price.until)}` : ""}.`);
  }
  notes.push(...quotaNotes(mode));
  for (const addon of mode.addons ?? []) {
    if (addon.status === "beta") notes.push(`${addon.name} is in beta.`);
    if (addon.trial)
      notes.push(
        `${addon.name}: ${addon.trial.note ? `${addon.trial.note} ` : ""}The free trial runs for ${amount(addon.trial.days, currency)} days from activation.`,
      );
  }
  return notes;
}

/** Quotas' notes, once per meter and wording: "Storage included (Pay as you go, Reserved): Free tier for new accounts." */
function quotaNotes(mode: ModeDoc): string[] {
  const notes: { meter: string; note: string; editions: string[] }[] = [];
  for (const edition of mode.editions)
    for (const [id, written] of Object.entries(edition.quotas ?? {}))
      for (const { note } of quotaList(written)) {
        if (note === undefined) continue;
        const meter = mode.meters.find((m) => m.id === id)?.name ?? id;
        const same = notes.find((n) => n.meter === meter && n.note === note);
        if (!same) notes.push({ meter, note, editions: [edition.name] });
        else if (!same.editions.includes(edition.name)) same.editions.push(edition.name);
      }
  return notes.map(
    ({ meter, note, editions }) =>
      `${meter} included (${editions.join(", ")}): ${/[.!?]$/.test(note) ? note : `${note}.`}`,
  );
}

function historyItem(version: ModeDoc, currency: Currency): string {
  const { from, until, note } = version.effective ?? {};
  // The check stage dates every version of a mode with several; only the oldest may omit `from`.
  const span = from
    ? `From ${longDate(from)}${until ? ` until ${longDate(until)}` : ""}`
    : until
      ? `Until ${longDate(until)}`
      : "";
  const fees = version.editions.map((e) => `${e.name} ${feeText(e, version, currency)}`).join(", ");
  const charges = (version.charges ?? [])
    .flatMap((c) => {
      const meter = version.meters.find((m) => m.id === c.meter);
      return meter ? [`${c.name}: ${chargeWords(c, meter, currency).replaceAll(LINE_BREAK, "; ")}`] : [];
    })
    .join(" ");
  return `${span}${note ? ` (${note})` : ""}: ${fees}. ${charges}`.trim();
}
