/**
 * The price calculator of the generated HTML pages. It compiles the rule documents embedded in
 * the page with the library's own compiler and quotes with the library's own `quote`, so its
 * numbers are the CLI's numbers.
 */
import { compileRuleSet } from "../compile/compile-ruleset.js";
import { inMemory } from "../load/source-document.js";
import type { ModeDoc, RuleSetDoc } from "../model/document.js";
import type { Plan } from "../model/plan.js";
import type { UsageDocument } from "../model/usage.js";
import { $, esc, type PageFormat } from "./dom.js";
import { loadExample } from "./example-loader.js";
import { renderControls, renderEditions, renderMeters } from "./form-controls.js";
import { wireEstimateLinks, wireIntervalSwitch } from "./plan-switch.js";
import { renderQuote } from "./quote-view.js";

interface EmbeddedRules {
  root: RuleSetDoc;
  modes: ModeDoc[];
  examples: { id: string; name: string; doc: UsageDocument }[];
  defaults: { period: string; locale: string; example?: string };
}

function start(): void {
  const data = JSON.parse($("ratecard-rules").textContent ?? "{}") as EmbeddedRules;
  const plan: Plan = compileRuleSet({
    dir: "",
    root: { doc: data.root, source: inMemory(data.root) },
    modes: data.modes.map((doc) => ({ doc, source: inMemory(doc) })),
  });
  const format: PageFormat = { locale: data.defaults.locale, currency: plan.money.currency };
  $<HTMLInputElement>("period").value = data.defaults.period;
  // Modes in force first: the calculator opens on what a customer can buy today.
  const latest = [...plan.modes.values()]
    .map((versions) => versions.at(-1)!)
    .sort((a, b) => Number(Boolean(a.retired)) - Number(Boolean(b.retired))); // eslint-disable-line ratecard/no-float-money -- a sort key
  $<HTMLSelectElement>("mode").innerHTML = latest
    .map((mode) => `<option value="${esc(mode.id)}">${esc(mode.name)}</option>`)
    .join("");
  const examples = $<HTMLSelectElement>("example");
  examples.innerHTML = data.examples
    .map(
      (e) => `<option value="${esc(e.id)}"${e.id === data.defaults.example ? " selected" : ""}>${esc(e.name)}</option>`,
    )
    .join("");
  const forMode = () => {
    renderEditions(plan);
    renderMeters(plan);
  };
  const refresh = () => {
    renderControls(plan, format);
    renderQuote(plan, format);
  };
  const startFrom = (id: string) => {
    const example = data.examples.find((e) => e.id === id);
    if (example) loadExample(plan, example.doc, forMode, () => renderControls(plan, format));
    refresh();
  };
  $("mode").addEventListener("change", () => {
    forMode();
    refresh();
  });
  $("edition").addEventListener("change", () => {
    $("addon-dropped").textContent = "";
    refresh();
  });
  examples.addEventListener("change", () => startFrom(examples.value));
  const form = $<HTMLFormElement>("calculator");
  form.addEventListener("input", (event) => {
    if (event.target !== examples) renderQuote(plan, format);
  });
  form.addEventListener("change", (event) => {
    if (event.target !== examples && event.target !== $("mode") && event.target !== $("edition")) refresh();
  });
  wireIntervalSwitch();
  wireEstimateLinks((mode, edition) => {
    $<HTMLSelectElement>("mode").value = mode;
    forMode();
    $<HTMLSelectElement>("edition").value = edition;
    refresh();
  });
  forMode();
  startFrom(examples.value);
}

document.addEventListener("DOMContentLoaded", start);
