/**
 * The yardstick: one price list's quote written by hand with decimal.js, as a billing team would
 * without ratecard. It knows only the documents bench/documents.ts generates (Tencent Cloud IM,
 * Pro edition, current prices); the benchmark checks its lines and totals equal the library's.
 */
import { Decimal } from "decimal.js";

const FEE = new Decimal("449.99");
const BLOCK_PRICE = new Decimal("449.99");
const RETENTION: Record<string, Decimal> = { 30: new Decimal("99.99"), 90: new Decimal("179.99"), 180: new Decimal("269.99"), 360: new Decimal("399.99") };
const GROUP_MEMBERS = new Decimal("239.99");

export interface ReferenceDocument {
  usage: { dau: number | number[]; groups: number | number[] };
  addons?: { "group-members"?: true; "message-retention"?: { days: number } };
}

export interface ReferenceLine {
  id: string;
  quantity: string;
  amount: string;
}

function peak(value: number | number[]): Decimal {
  return new Decimal(Array.isArray(value) ? Math.max(...value) : value);
}

function blocks(usage: Decimal, included: number, size: number): Decimal {
  const billable = Decimal.max(usage.minus(included), 0);
  return billable.div(size).ceil();
}

export function referenceQuote(doc: ReferenceDocument): { lines: ReferenceLine[]; total: string } {
  const lines: ReferenceLine[] = [{ id: "pro", quantity: "1", amount: FEE.toFixed(2) }];
  let total = FEE;
  const overage = (id: string, count: Decimal) => {
    const amount = count.mul(BLOCK_PRICE);
    total = total.plus(amount);
    lines.push({ id, quantity: count.toFixed(), amount: amount.toFixed(2) });
  };
  overage("dau-overage", blocks(peak(doc.usage.dau), 10_000, 10_000));
  overage("groups-overage", blocks(peak(doc.usage.groups), 100_000, 100_000));
  if (doc.addons?.["group-members"]) {
    total = total.plus(GROUP_MEMBERS);
    lines.push({ id: "group-members", quantity: "1", amount: GROUP_MEMBERS.toFixed(2) });
  }
  const retention = doc.addons?.["message-retention"];
  if (retention) {
    const price = RETENTION[retention.days]!;
    total = total.plus(price);
    lines.push({ id: "message-retention", quantity: "1", amount: price.toFixed(2) });
  }
  return { lines, total: total.toFixed(2) };
}
