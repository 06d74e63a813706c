import type { Comparison, Recommendation } from "../decide/choose.js";
import type { Option } from "../decide/evaluate-option.js";
import { needText } from "../decide/needs.js";
import type { Decimal } from "../money/decimal.js";
import { groupText } from "../money/format.js";
import { alignedRow, columnWidths } from "./columns.js";

const money = (value: Decimal, scale: number) => groupText(value.toFixed(scale));
const signed = (value: Decimal, scale: number) => `${value.isNegative() ? "" : "+"}${groupText(value.toFixed(scale))}`;

function addonsText(option: Option): string {
  const names = Object.entries(option.addons).map(([id, value]) =>
    typeof value === "object" ? `${id} (${Object.values(value).join(", ")})` : id,
  );
  return names.join(" + ") || "—";
}

function table(rows: string[][], numeric: boolean[]): string[] {
  const widths = columnWidths(rows);
  return rows.map((row) => alignedRow(row, widths, (i) => numeric[i] === true));
}

/** `ratecard compare` for people. */
export function renderComparison(comparison: Comparison, currency: string, scale: number): string {
  const { current } = comparison;
  const out = [`Now: ${current.mode} / ${current.edition} = ${money(current.total, scale)} ${currency}`];
  const kept = [...comparison.needs.map(needText), ...Object.keys(comparison.keptAddons)];
  if (kept.length) out.push(`Kept from the add-ons you buy: ${kept.join(", ")}`);
  const possible = comparison.options.filter((o) => !o.reason);
  out.push(
    "",
    ...table(
      [
        ["Mode", "Edition", "Add-ons", `Total (${currency})`, "vs now"],
        ...possible.flatMap((o) =>
          o.total && o.difference
            ? [[o.mode, o.edition, addonsText(o), money(o.total, scale), signed(o.difference, scale)]]
            : [],
        ),
      ],
      [false, false, false, true, true],
    ),
  );
  // A fee or commitment billed in advance for several months is in the total of its due month
  // only: say so, so that a month without it does not read as the cheaper choice.
  const inAdvance = possible.flatMap((o) =>
    (o.forecast?.months ?? [])
      .flatMap((q) => q.warnings.filter((w) => w.code === "fee.in-advance"))
      .slice(0, 1)
      .map((w) => `  ${o.mode} / ${o.edition}: ${w.message}`),
  );
  if (inAdvance.length) out.push("", "Billed in advance, not in these totals:", ...inAdvance);
  const impossible = comparison.options.filter((o) => o.reason);
  if (impossible.length)
    out.push("", "Not possible:", ...impossible.map((o) => `  ${o.mode} / ${o.edition}: ${o.reason}`));
  if (comparison.breakEvens.length) {
    out.push("", "Where the cheapest choice changes (all usage scaled together):");
    for (const b of comparison.breakEvens) {
      const usage = `${Object.entries(b.usage)
        .map(([k, v]) => `${k} ${groupText(v)}`)
        .join(", ")}${comparison.months > 1 ? " in the first month" : ""}`;
      // A searched change is placed to within 1% of the factor: its usage is not the exact point.
      out.push(
        b.exact
          ? `  from ${usage} (about ${b.factor.toFixed()}× your usage): ${b.from} → ${b.to}`
          : `  at about ${b.factor.toFixed()}× your usage, to within 1% (${usage}): ${b.from} → ${b.to}`,
      );
    }
  }
  return `${out.join("\n")}\n`;
}

/** `ratecard recommend` for people. */
export function renderRecommendation(recommendation: Recommendation, currency: string, scale: number): string {
  const { best } = recommendation;
  // The best option meets the needs, so it has a total; an option without a reason is possible, so it has one too.
  const bestTotal = best?.total;
  const out = [`Needs: ${recommendation.needs.map(needText).join(", ") || "none"}`];
  out.push(
    best && bestTotal
      ? `Recommended: ${best.mode} / ${best.edition}${Object.keys(best.addons).length ? ` + ${addonsText(best)}` : ""} = ${money(bestTotal, scale)} ${currency}`
      : "Recommended: nothing meets these needs.",
  );
  const cheaper = recommendation.options.flatMap((o) =>
    o.reason && o.total && (!bestTotal || o.total.lt(bestTotal)) ? [{ option: o, total: o.total }] : [],
  );
  if (cheaper.length)
    out.push(
      "",
      "Cheaper options that fall short:",
      ...cheaper.map(
        ({ option: o, total }) =>
          `  ${o.mode} / ${o.edition}${Object.keys(o.addons).length ? ` + ${addonsText(o)}` : ""} (${money(total, scale)} ${currency}): ${o.reason}`,
      ),
    );
  const others = recommendation.options.filter((o) => o !== best && !cheaper.some(({ option }) => option === o));
  if (others.length)
    out.push(
      "",
      "Other options:",
      ...others.map(
        (o) =>
          `  ${o.mode} / ${o.edition}: ${o.reason ?? (o.total ? `${money(o.total, scale)} ${currency}${Object.keys(o.addons).length ? ` with ${addonsText(o)}` : ""}` : "")}`,
      ),
    );
  return `${out.join("\n")}\n`;
}

/** Options as JSON: amounts as decimal strings. */
export function optionJson(option: Option & { difference?: Decimal }, scale: number) {
  return {
    mode: option.mode,
    edition: option.edition,
    addons: option.addons,
    possible: !option.reason,
    total: option.total ? option.total.toFixed(scale) : null,
    ...(option.difference ? { difference: option.difference.toFixed(scale) } : {}),
    ...(option.reason ? { reason: option.reason } : {}),
    ...(option.forecast && option.forecast.months.length > 1
      ? { months: option.forecast.months.map((q) => ({ period: q.period.month, total: q.total })) }
      : {}),
  };
}
