import { RatecardError } from "../errors/ratecard-error.js";
import { quote } from "../evaluate/quote.js";
import type { Plan } from "../model/plan.js";
import { localMoney, localNumber } from "../money/locale-format.js";
import { $, esc, type PageFormat } from "./dom.js";
import { usageDocument } from "./form-controls.js";

/**
 * Quotes what the form states with the library's `quote` and shows it as stacked rows (what, how
 * much, amount), so every amount stays in view on a phone; the total is also kept in a bar that
 * sticks to the bottom of the screen while the calculator is in view.
 */
export function renderQuote(plan: Plan, format: PageFormat): void {
  const out = $("result");
  const money = (text: string) => localMoney(text, format.currency, format.locale);
  try {
    const q = quote(plan, usageDocument(plan), { explain: true });
    const lines = q.lines
      .map((l) => {
        const detail = `${localNumber(l.quantity, format.locale)} × ${esc(l.unit)}${l.unitPrice === null ? ", tiered" : ` at ${money(l.unitPrice)}`}`;
        return `<li class="line"><span class="what">${esc(l.description)}</span><span class="amount">${money(l.amount)}</span><span class="detail">${detail}${l.note ? `. ${esc(l.note)}` : ""}</span></li>`;
      })
      .join("");
    const warnings = q.warnings.map((w) => `<li>${esc(w.message)}</li>`).join("");
    out.innerHTML = `<h3>Your estimate</h3><ul class="lines">${lines}</ul><p class="total-row"><span>Total</span><span class="amount" id="total">${money(q.total)}</span></p>
      ${q.settlement ? `<p>Deducted between ${esc(q.settlement.from)} and ${esc(q.settlement.to)}.</p>` : ""}
      ${warnings ? `<ul class="warnings">${warnings}</ul>` : ""}
      <details><summary>How it was computed</summary><ul class="explain">${q.lines.map((l) => `<li>${esc(l.explanation ?? "")}</li>`).join("")}</ul></details>`;
    out.dataset.total = q.total;
    $("sticky-total").textContent = `Total: ${money(q.total)}`;
  } catch (error) {
    if (!(error instanceof RatecardError)) throw error;
    out.innerHTML = `<ul class="errors">${error.problems.map((p) => `<li>${esc(p.message)}</li>`).join("")}</ul>`;
    delete out.dataset.total;
    $("sticky-total").textContent = "No total: see what to change above";
  }
}
