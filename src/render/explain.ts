import { MONTH_NAMES } from "../calendar/dates.js";
import { groupText } from "../money/format.js";
import type { Quote } from "../model/quote.js";

function longDate(date: string): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return `${d} ${MONTH_NAMES[m - 1]} ${y}`;
}

/** A quote as plain sentences a customer would understand. */
export function renderExplanation(quote: Quote): string {
  const [year, month] = quote.period.month.split("-").map(Number) as [number, number];
  const out = [
    `Your ${MONTH_NAMES[month - 1]} ${year} bill (${distinctNames([quote.names.ruleset, quote.names.mode, quote.names.edition]).join(", ")}):`,
    "",
  ];
  for (const line of quote.lines)
    out.push(`- ${line.explanation ?? `${line.description}: ${groupText(line.amount)} ${quote.currency}.`}`);
  const deducted = quote.settlement
    ? `, deducted between ${longDate(quote.settlement.from)} and ${longDate(quote.settlement.to)}`
    : "";
  out.push("", `Total: ${groupText(quote.total)} ${quote.currency}${deducted}.`);
  if (quote.warnings.length)
    out.push(
      "",
      "Please note:",
      ...quote.warnings.map((w) => `- ${w.message.charAt(0).toUpperCase()}${w.message.slice(1)}.`),
    );
  return `${out.join("\n")}\n`;
}

/** The names in order, without one an earlier name already says ("Acme Pro, Pro, Pro" is "Acme Pro"). */
function distinctNames(names: readonly string[]): string[] {
  const kept: string[] = [];
  for (const name of names)
    if (!kept.some((earlier) => ` ${earlier.toLowerCase()} `.includes(` ${name.toLowerCase()} `))) kept.push(name);
  return kept;
}
