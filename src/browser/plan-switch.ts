import { $ } from "./dom.js";

/** The fee-interval switch of the plan cards: shows the cards billed over the interval chosen. */
export function wireIntervalSwitch(): void {
  const switcher = document.querySelector<HTMLFieldSetElement>("[data-interval-switch]");
  if (!switcher) return;
  const apply = () => {
    const chosen = switcher.querySelector<HTMLInputElement>("input:checked")?.value;
    document.querySelectorAll<HTMLElement>(".card[data-interval]").forEach((card) => {
      card.hidden = card.dataset.interval !== chosen;
    });
  };
  switcher.addEventListener("change", apply);
  apply();
}

/** "Estimate your bill" on a card opens the calculator on that mode and edition. */
export function wireEstimateLinks(choose: (mode: string, edition: string) => void): void {
  document.querySelectorAll<HTMLAnchorElement>("a.estimate").forEach((link) => {
    const { mode, edition } = link.dataset;
    if (mode === undefined || edition === undefined) return;
    link.addEventListener("click", () => {
      choose(mode, edition);
      $("edition").focus({ preventScroll: true });
    });
  });
}
