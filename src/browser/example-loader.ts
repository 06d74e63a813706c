import { inMemory } from "../load/source-document.js";
import type { Plan } from "../model/plan.js";
import type { MeterValue, Overrides, UsageDocument } from "../model/usage.js";
import { resolveUsage } from "../usage/resolve-usage.js";
import { ZERO } from "../money/decimal.js";
import { $ } from "./dom.js";

/** A usage document's month values by meter input (`meter` or `meter|cell.path`), and the mode it is billed in. */
function monthValues(plan: Plan, doc: UsageDocument): { mode?: string; values: Map<string, string> } {
  const values = new Map<string, string>();
  // Without add-ons, coupons or changes, so that a refusal of those (the quote shows it) still gives the month's usage.
  const { usage } = resolveUsage(
    plan,
    inMemory({ ...doc, addons: undefined, changes: undefined, coupons: undefined, credits: undefined }),
  );
  if (!usage) {
    // The rules refuse the usage itself: the values as written, a series by its first day.
    const walk = (id: string, value: MeterValue, cell: string[]) => {
      if (Array.isArray(value)) values.set(`${id}|${cell.join(".")}`, String(value[0] ?? "0"));
      else if (typeof value === "object")
        for (const [key, inner] of Object.entries(value)) walk(id, inner, [...cell, key]);
      else values.set(`${id}|${cell.join(".")}`, String(value));
    };
    for (const [id, value] of Object.entries(doc.usage)) walk(id, value, []);
    return { ...(doc.mode ? { mode: doc.mode } : {}), values };
  }
  for (const [id, reading] of usage.meters) {
    if (reading.cells)
      for (const cell of reading.cells) values.set(`${id}|${cell.values.join(".")}`, cell.reading.value.toFixed());
    else values.set(`${id}|`, reading.value.toFixed());
  }
  return { mode: usage.mode.id, values };
}

/**
 * What the example holds that the form cannot show: its contract terms (`overrides`), and each
 * meter's daily or hourly series as written. The quote uses them while the form still shows the
 * example's figures, so a form started from an example quotes exactly what the example does.
 */
export const carried: { overrides?: Overrides | undefined; series: Map<string, { shown: string; raw: MeterValue }> } = {
  series: new Map(),
};

const setValue = (id: string, value: string | undefined) => {
  $<HTMLInputElement | HTMLSelectElement>(id).value = value ?? "";
};

/**
 * Fills the form from an example usage document: mode, edition, month, the month's value of every
 * meter (a series aggregated by the library, as the quote aggregates it), add-ons, coupons, dates,
 * a change of edition and a prepaid credit. The quote is then made from the form, not the example.
 */
export function loadExample(
  plan: Plan,
  doc: UsageDocument,
  renderForMode: () => void,
  renderAddonOptions: () => void,
): void {
  const { mode, values } = monthValues(plan, doc);
  carried.overrides = doc.overrides;
  carried.series.clear();
  for (const [id, raw] of Object.entries(doc.usage ?? {}))
    if (Array.isArray(raw)) carried.series.set(id, { shown: values.get(`${id}|`) ?? String(raw[0] ?? "0"), raw });
  const modeId = mode ?? $<HTMLSelectElement>("mode").value;
  setValue("mode", modeId);
  renderForMode();
  const modePlan = plan.modes.get(modeId)!.at(-1)!;
  setValue("edition", doc.edition ?? modePlan.defaultEdition);
  setValue("period", doc.period);
  setValue("created", doc.app?.createdAt);
  setValue("migrated", doc.app?.migratedAt);
  const change = doc.changes?.find((c) => c.edition);
  setValue("change-on", change?.on);
  setValue("change-to", change?.edition);
  // Credits drawn down one after another take off what their sum takes off.
  setValue("credit", doc.credits?.length ? doc.credits.reduce((sum, c) => sum.plus(c.balance), ZERO).toFixed() : "");
  $<HTMLDetailsElement>("more").open = Boolean(
    doc.app?.createdAt || doc.app?.migratedAt || change || doc.credits?.length,
  );
  document.querySelectorAll<HTMLInputElement>("input[data-meter]").forEach((input) => {
    input.value = values.get(`${input.dataset.meter}|${input.dataset.cell ?? ""}`) ?? "0";
  });
  document.querySelectorAll<HTMLInputElement>("input[data-coupon]").forEach((box) => {
    box.checked = doc.coupons?.includes(box.dataset.coupon!) ?? false;
  });
  document.querySelectorAll<HTMLInputElement>("input[data-addon]").forEach((box) => {
    const choice = doc.addons?.[box.dataset.addon!];
    box.checked = choice !== undefined && choice !== false;
  });
  // An option's choices depend on the edition and the add-ons ticked: they are listed first, then chosen.
  renderAddonOptions();
  for (const [id, choice] of Object.entries(doc.addons ?? {})) {
    if (typeof choice !== "object") continue;
    for (const [key, setting] of Object.entries(choice)) {
      const control =
        key === "activatedAt"
          ? `input[data-activated="${id}"]`
          : key === "quantity"
            ? `input[data-quantity="${id}"]`
            : `select[data-option="${id}"]`;
      const element = document.querySelector<HTMLInputElement | HTMLSelectElement>(control);
      if (element) element.value = String(setting);
    }
  }
}
