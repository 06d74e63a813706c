/**
 * The yardstick: a minimal quote of the bundled Tencent Cloud IM price list (original billing
 * mode, Pro and Ultimate editions, the four priced add-ons) written by hand for speed with
 * decimal.js, as a skilled engineer would without ratecard: prices parsed once, block counts in
 * plain integer arithmetic, Decimal only for money. It returns the lean result the bench
 * compares: line ids, quantities, amounts and the total, as strings. It prices only the documents
 * it knows (`yardstickKnows`); the bench and test/yardstick.test.ts check it equals the library on
 * those, so the comparison is fair.
 */
import { Decimal } from "decimal.js";

export interface LeanLine {
  id: string;
  quantity: string;
  amount: string;
}

export interface LeanQuote {
  lines: LeanLine[];
  total: string;
}

export interface YardstickDocument {
  period: string;
  app?: { createdAt?: string };
  edition: string;
  usage: { dau: number | number[]; groups: number | number[] };
  addons?: Record<string, true | { days: number }>;
}

interface Edition {
  fee: Decimal;
  feeText: string;
  addons: Record<string, Decimal>;
  retention: Record<number, Decimal>;
}

const money = (text: string) => new Decimal(text);
const BLOCK_PRICE = money("449.99");
const EDITIONS: Record<string, Edition> = {
  pro: {
    fee: money("449.99"),
    feeText: "449.99",
    addons: {
      "avchatroom-unlimited": money("449.99"),
      "group-members": money("239.99"),
      "groups-per-user": money("449.99"),
    },
    retention: { 30: money("99.99"), 90: money("179.99"), 180: money("269.99"), 360: money("399.99") },
  },
  ultimate: {
    fee: money("899.99"),
    feeText: "899.99",
    addons: { "group-members": money("239.99"), "groups-per-user": money("449.99") },
    retention: { 90: money("99.99"), 180: money("179.99"), 360: money("319.99") },
  },
};
const ADDON_ORDER = ["avchatroom-unlimited", "group-members", "groups-per-user"];

/** The documents the yardstick prices: the original mode's paid editions, whole usage, known add-ons. */
export function yardstickKnows(doc: YardstickDocument): boolean {
  const edition = EDITIONS[doc.edition];
  if (!edition || (doc.app?.createdAt ?? "") >= "2022-12-26" || doc.period < "2021-09") return false;
  const whole = (value: unknown) =>
    Array.isArray(value) ? value.length > 0 && value.every(Number.isSafeInteger) : Number.isSafeInteger(value);
  if (!whole(doc.usage.dau) || !whole(doc.usage.groups) || Object.keys(doc.usage).length !== 2) return false;
  return Object.entries(doc.addons ?? {}).every(([id, value]) =>
    id === "message-retention"
      ? typeof value === "object" && edition.retention[value.days] !== undefined
      : value === true && edition.addons[id] !== undefined,
  );
}

function peak(value: number | number[]): number {
  if (typeof value === "number") return value;
  let max = value[0]!;
  for (let i = 1; i < value.length; i++) if (value[i]! > max) max = value[i]!;
  return max;
}

function blocks(usage: number, included: number, size: number): number {
  return usage <= included ? 0 : Math.ceil((usage - included) / size);
}

export function yardstickQuote(doc: YardstickDocument): LeanQuote {
  const edition = EDITIONS[doc.edition]!;
  const dau = blocks(peak(doc.usage.dau), 10_000, 10_000);
  const groups = blocks(peak(doc.usage.groups), 100_000, 100_000);
  const dauAmount = BLOCK_PRICE.mul(dau);
  const groupsAmount = BLOCK_PRICE.mul(groups);
  let total = edition.fee.plus(dauAmount).plus(groupsAmount);
  const lines: LeanLine[] = [
    { id: doc.edition, quantity: "1", amount: edition.feeText },
    { id: "dau-overage", quantity: String(dau), amount: dauAmount.toFixed(2) },
    { id: "groups-overage", quantity: String(groups), amount: groupsAmount.toFixed(2) },
  ];
  const addons = doc.addons;
  if (addons) {
    for (const id of ADDON_ORDER) {
      if (addons[id] !== true) continue;
      const price = edition.addons[id]!;
      total = total.plus(price);
      lines.push({ id, quantity: "1", amount: price.toFixed(2) });
    }
    const retention = addons["message-retention"];
    if (retention !== undefined && retention !== true) {
      const price = edition.retention[retention.days]!;
      total = total.plus(price);
      lines.push({ id: "message-retention", quantity: "1", amount: price.toFixed(2) });
    }
  }
  return { lines, total: total.toFixed(2) };
}

/** The library's quote cut to the yardstick's lean result. */
export function leanOf(quote: { lines: readonly LeanLine[]; total: string }): LeanQuote {
  return { lines: quote.lines.map(({ id, quantity, amount }) => ({ id, quantity, amount })), total: quote.total };
}
