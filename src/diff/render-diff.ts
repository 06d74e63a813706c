import { Decimal } from "../money/decimal.js";
import type { Change } from "./diff-rulesets.js";
import type { Impact } from "./example-impact.js";

/** A diff report as Markdown, fit for a pull-request comment. */
export function renderDiffMarkdown(title: string, changes: Change[], impacts: Impact[]): string {
  const out = [`## Price list changes: ${title}`, ""];
  if (changes.length === 0) out.push("No change to prices or rules.");
  else
    out.push(
      "| where | what | old | new | change |",
      "| --- | --- | --- | --- | ---: |",
      ...changes.map(
        (c) => `| ${cell(c.scope)} | ${cell(c.what)} | ${cell(c.old)} | ${cell(c.new)} | ${delta(c) ?? ""} |`,
      ),
    );
  out.push("", "### Impact on the examples", "");
  if (impacts.length === 0) out.push("No examples.");
  else
    out.push(
      "| example | old total | new total | difference |",
      "| --- | ---: | ---: | ---: |",
      ...impacts.map((i) => `| ${cell(i.example)} | ${i.old} | ${i.new} | ${i.difference} |`),
    );
  return `${out.join("\n")}\n`;
}

/** The same report as plain text for a terminal. */
export function renderDiffText(title: string, changes: Change[], impacts: Impact[]): string {
  const out = [`Price list changes: ${title}`, ""];
  if (changes.length === 0) out.push("  no change to prices or rules");
  for (const c of changes) out.push(`  ${c.scope}: ${c.what}: ${c.old} → ${c.new}${delta(c) ? ` (${delta(c)})` : ""}`);
  out.push("", "Impact on the examples:");
  const width = Math.max(0, ...impacts.map((i) => i.example.length));
  for (const i of impacts)
    out.push(`  ${i.example.padEnd(width)}  ${i.old.padStart(12)} → ${i.new.padStart(12)}  ${i.difference}`);
  if (impacts.length === 0) out.push("  no examples");
  return `${out.join("\n")}\n`;
}

/** The numeric difference of a change between two plain amounts, e.g. "+300.00". */
function delta(change: Change): string | undefined {
  const number = /^\d+(\.\d+)?$/;
  if (!number.test(change.old) || !number.test(change.new)) return undefined;
  const difference = new Decimal(change.new).minus(change.old);
  const places = Math.max(new Decimal(change.old).decimalPlaces(), new Decimal(change.new).decimalPlaces());
  return `${difference.isNegative() ? "" : "+"}${difference.toFixed(places)}`;
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|");
}
