import { groupText } from "../money/format.js";
import type { Quote } from "../model/quote.js";
import { readQuote } from "./read-quote.js";

/** A quote as a table for people: lines, total, warnings, settlement and the trace. */
export function renderQuoteTable(quote: Quote): string {
  return table(readQuote(quote));
}

function table(quote: Quote): string {
  const rows = quote.lines.map((line) => [
    line.description,
    groupText(line.quantity),
    line.unit,
    line.unitPrice === null ? "tiered" : groupText(line.unitPrice),
    groupText(line.amount),
  ]);
  const header = ["Item", "Quantity", "Unit", "Unit price", `Amount (${quote.currency})`];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const numeric = [false, true, false, true, true];
  const format = (row: string[]) =>
    row
      .map((cell, i) => (numeric[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  const body = quote.lines.flatMap((line, i) => [format(rows[i]!), ...(line.note ? [`  ${line.note}`] : [])]);
  const rule = "-".repeat(widths.reduce((a, b) => a + b + 2, -2));
  const totalLabel = "Total";
  const totalValue = `${groupText(quote.total)} ${quote.currency}`;
  const out = [
    `Quote for ${quote.ruleset}, ${quote.period.month} (${quote.period.from} to ${quote.period.to})`,
    `Mode: ${quote.names.mode}   Edition: ${quote.names.edition}`,
    "",
    format(header),
    rule,
    ...body,
    rule,
    `${totalLabel}${totalValue.padStart(rule.length - totalLabel.length)}`,
    "",
  ];
  if (quote.settlement)
    out.push(
      `Settlement: deducted between ${quote.settlement.from} and ${quote.settlement.to}.${quote.settlement.text ? ` ${quote.settlement.text}` : ""}`,
    );
  if (quote.warnings.length) out.push("", "Warnings:", ...quote.warnings.map((w) => `  ! ${w.code}: ${w.message}`));
  if (quote.trace) out.push("", "How it was computed:", ...quote.trace.map((step) => `  - ${step.text}`));
  return `${out.join("\n")}\n`;
}
