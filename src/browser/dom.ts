import type { ModePlan, Plan } from "../model/plan.js";

/** The element with this id; the page's template writes every id the calculator reads. */
export const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** The value of a form control by id. */
export const valueOf = (id: string): string => $<HTMLInputElement | HTMLSelectElement>(id).value;

/** What the page formats amounts with. */
export interface PageFormat {
  locale: string;
  currency: string;
}

/** A mode's latest price version; undefined when the plan has no such mode. */
export function latestMode(plan: Plan, id: string): ModePlan | undefined {
  return plan.modes.get(id)?.at(-1);
}

/** The mode chosen in the calculator, latest price version; undefined when the page chooses none of the plan's. */
export function currentMode(plan: Plan): ModePlan | undefined {
  return latestMode(plan, valueOf("mode"));
}

/** Text safe inside HTML built as a string. */
export function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
