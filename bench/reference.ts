/**
 * The yardstick: one price list's quote written by hand with decimal.js, as a billing team would
 * without ratecard. It knows only the documents bench/documents.ts generates (Tencent Cloud IM,
 * Pro edition, current prices); the benchmark checks its lines and totals equal the library's,
 * and that its batch results (`referenceResult`) are the library's byte for byte.
 */
import { Decimal } from "decimal.js";

const FEE = new Decimal("449.99");
const BLOCK_PRICE = new Decimal("449.99");
const RETENTION: Record<string, Decimal> = {
  30: new Decimal("99.99"),
  90: new Decimal("179.99"),
  180: new Decimal("269.99"),
  360: new Decimal("399.99"),
};
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

/** What a full quote line says beside its quantity and amount, by line id. */
const WORDING: Record<string, { kind: string; description: string; unit: string; unitPrice: string; rule: string }> = {
  pro: { kind: "fee", description: "Pro Edition plan fee", unit: "month", unitPrice: "449.99", rule: "edition/pro" },
  "dau-overage": {
    kind: "usage",
    description: "DAU above the plan quota",
    unit: "block of 10,000 users",
    unitPrice: "449.99",
    rule: "charge/dau-overage",
  },
  "groups-overage": {
    kind: "usage",
    description: "Peak group count above the plan quota",
    unit: "block of 100,000 groups",
    unitPrice: "449.99",
    rule: "charge/groups-overage",
  },
  "group-members": {
    kind: "addon",
    description: "More members per non-audio-video group",
    unit: "month",
    unitPrice: "239.99",
    rule: "addon/group-members",
  },
};
const HEAD = {
  ruleset: "tencent-im",
  currency: "USD",
  period: { month: "2026-10", from: "2026-10-01", to: "2026-10-31" },
  mode: "original",
  version: { from: "2021-08-06", note: "the seed price page; the prices before 2021-08-06 are in original-2021.yaml" },
  edition: "pro",
  names: { ruleset: "Tencent Cloud IM", mode: "Original billing mode", edition: "Pro Edition" },
};
const SETTLEMENT = {
  from: "2026-11-01",
  to: "2026-11-03",
  text: "Fees incurred in a calendar month are deducted within the first 3 days of the next month.",
};

/** A batch record priced by hand: `{"line":N,"quote":{…}}` as `quote --batch --lean` writes it. */
export function referenceResult(line: number, doc: ReferenceDocument): string {
  const { lines, total } = referenceQuote(doc);
  const days = doc.addons?.["message-retention"]?.days;
  const full = lines.map(({ id, quantity, amount }) => {
    const { kind, description, unit, unitPrice, rule } = WORDING[id] ?? {
      kind: "addon",
      description: `Extended message retention (${days} days)`,
      unit: "month",
      unitPrice: amount,
      rule: `addon/${id}`,
    };
    return { id, kind, description, quantity, unit, unitPrice, amount, rule };
  });
  return JSON.stringify({ line, quote: { ...HEAD, lines: full, total, warnings: [], settlement: SETTLEMENT } });
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
