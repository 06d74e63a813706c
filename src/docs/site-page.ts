import type { DocsConfig, RuleSetDoc } from "../model/document.js";
import type { UsageDocument } from "../model/usage.js";
import { escapeHtml, pageToHtml } from "../render/docs/html.js";
import type { Page } from "../render/docs/page.js";
import { planCardsHtml, type PlanGroup } from "../render/docs/plan-cards.js";
import { themeCss } from "../render/docs/theme.js";
import { PriceNotes, type Currency } from "../render/docs/words.js";
import type { ModeDoc } from "../model/document.js";

const STYLE = `
[hidden]{display:none!important}
*{box-sizing:border-box}
body{font:16px/1.5 var(--font);margin:0;color:#1d2330;background:#f6f7f9}
header{background:var(--brand);color:var(--on-brand);padding:1rem 2rem}
header .brand{display:flex;align-items:center;gap:0.75rem}header img{max-height:40px;max-width:160px}
header h1{margin:0;font-size:1.5rem}
nav{display:flex;flex-wrap:wrap;gap:0 1rem}nav a{color:var(--on-brand);display:inline-flex;align-items:center;min-height:44px;min-width:44px}
main{max-width:1100px;margin:0 auto;padding:1rem 2rem 3rem}
section{background:#fff;border:1px solid #dde1e7;border-radius:8px;padding:0.5rem 1.5rem 1.5rem;margin:1.5rem 0}
a{color:#1a4fb8}
table{border-collapse:collapse;width:100%;margin:0.75rem 0}th,td{border:1px solid #dde1e7;padding:0.4rem 0.6rem;text-align:left;vertical-align:top}
thead th{background:#eef1f5}tbody th{font-weight:500;background:#fafbfc}
.note{background:#fff8e1;border-left:4px solid #f0b400;padding:0.5rem 0.75rem}
.scroll{overflow-x:auto;max-width:100%}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.cards{list-style:none;padding:0;margin:0.75rem 0;display:grid;grid-template-columns:repeat(auto-fit,minmax(220px,1fr));gap:1rem}
.card{border:1px solid #dde1e7;border-radius:10px;padding:1rem 1.25rem;background:#fff;display:flex;flex-direction:column}
.card.highlight{border:3px solid var(--brand)}
.card h3,.card h4{margin:0 0 0.25rem;font-size:1.2rem}
.badge{align-self:flex-start;margin:0 0 0.5rem;background:var(--brand);color:var(--on-brand);border-radius:999px;padding:0.1rem 0.75rem;font-size:0.85rem;font-weight:600}
.price{margin:0.25rem 0}.price .amount{font-size:1.75rem;font-weight:700}.price .per{color:#4a5366}
.spend{margin:0;color:#4a5366}
.list-title{margin:0.75rem 0 0;font-weight:600}.card ul{padding-left:1.1rem;margin:0.25rem 0}
.actions{margin-top:auto;padding-top:0.75rem;display:flex;flex-wrap:wrap;gap:0.5rem}
.cta,.estimate{display:inline-flex;align-items:center;justify-content:center;min-height:44px;padding:0 1rem;border-radius:6px;font-weight:600;text-decoration:none}
.set{display:inline-flex;align-items:center;min-height:44px}
.cta{background:var(--brand);color:var(--on-brand)}.estimate{border:1px solid #1a4fb8}
.fine-print{font-size:0.85rem;color:#4a5366;list-style:none;padding:0}
.interval-switch{display:flex;flex-wrap:wrap;gap:0.5rem;border:0;padding:0}
.choice{display:inline-flex;align-items:center;gap:0.5rem;min-height:44px;min-width:44px;padding:0 0.5rem}
form{display:grid;grid-template-columns:repeat(auto-fill,minmax(230px,1fr));gap:0.75rem;margin:0.75rem 0}
label{display:flex;flex-direction:column;font-size:0.95rem}
input,select{font:inherit;min-height:44px;padding:0.3rem 0.5rem;max-width:100%;min-width:0}
form>*,#meters>*,.more>*{min-width:0}
input[type=checkbox],input[type=radio]{min-height:0;width:22px;height:22px;margin:0;flex:none}
fieldset{grid-column:1/-1;border:1px solid #dde1e7;border-radius:6px;min-width:0}
details{grid-column:1/-1}summary{display:list-item;padding:0.65rem 0;cursor:pointer;font-weight:600}
.more{display:grid;grid-template-columns:repeat(auto-fill,minmax(230px,1fr));gap:0.75rem}
#meters{display:grid;grid-template-columns:repeat(auto-fill,minmax(230px,1fr));gap:0.75rem}
.addon{margin:0.3rem 0;display:flex;flex-wrap:wrap;align-items:center;gap:0 1rem}
label.check{flex-direction:row;align-items:center;gap:0.5rem;min-height:44px}
label.inline{flex-direction:row;align-items:center;gap:0.5rem}
.reason{color:#9a3412;font-size:0.9rem}.addon .price{color:#3b4455;font-size:0.9rem}
.errors{color:#9a3412}.warnings{color:#8a5a00}
.lines{list-style:none;padding:0;margin:0.75rem 0}
.line{display:grid;grid-template-columns:1fr auto;gap:0.1rem 1rem;padding:0.5rem 0;border-bottom:1px solid #dde1e7}
.line .what{overflow-wrap:anywhere}.line .detail{grid-column:1;color:#4a5366;font-size:0.9rem;overflow-wrap:anywhere}
.line .amount,.total-row .amount{grid-column:2;grid-row:1;text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.total-row{display:grid;grid-template-columns:1fr auto;font-weight:700;font-size:1.1rem;margin:0.5rem 0}
#sticky-total{position:sticky;bottom:0;background:var(--brand);color:var(--on-brand);padding:0.6rem 1rem;border-radius:6px;margin-top:1rem;font-weight:600;font-size:1.1rem}
@media (max-width:600px){header{padding:0.75rem 1rem}main{padding:0.5rem 0.75rem 2rem}section{padding:0.25rem 0.75rem 1rem}form,#meters,.more{grid-template-columns:1fr}}
`;

/** The head of every generated page: the shared style and the rule set's brand. */
function head(title: string, theme: DocsConfig["theme"]): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${themeCss(theme)}${STYLE}</style>
</head>`;
}

/** An example usage document the calculator can start from. */
export interface CalculatorExample {
  id: string;
  name: string;
  doc: UsageDocument;
}

interface SitePageInput {
  root: RuleSetDoc;
  /** Every version of every mode: the calculator compiles them all. */
  modes: ModeDoc[];
  /** The plan cards' modes, latest versions, modes in force first. */
  groups: PlanGroup[];
  pages: { id: string; page: Page }[];
  examples: CalculatorExample[];
  period: string;
  locale: string;
  script: string;
}

/** One self-contained HTML file: plan cards, the calculator and every mode's price tables, no server needed. */
export function sitePage({ root, modes, groups, pages, examples, period, locale, script }: SitePageInput): string {
  const config = root.docs ?? {};
  const start = config.example ?? examples[0]?.id;
  const data = JSON.stringify({ root, modes, examples, defaults: { period, locale, example: start } }).replace(
    /</g,
    "\\u003c",
  );
  const nav = [
    `<a href="#plans">Plans</a>`,
    `<a href="#calculator-section">Price calculator</a>`,
    ...pages.map(({ id, page }) => `<a href="#${id}">${escapeHtml(page.title.split(": ").at(-1)!)}</a>`),
  ].join("");
  const sections = pages
    .map(({ id, page }) => `<section id="${id}">\n${pageToHtml(page, true)}\n</section>`)
    .join("\n");
  const currency: Currency = { code: root.money.currency, scale: root.money.scale, locale, notes: new PriceNotes() };
  const several = new Set(modes.map((mode) => mode.id)).size > 1;
  const datedApps = Boolean(
    root.selection.rules?.length ||
    modes.some((mode) => mode.available || mode.discounts?.some((d) => d.firstMonths !== undefined)),
  );
  return `${head(`${root.name} pricing`, config.theme)}
<body>
<header><div class="brand">${config.theme?.logo ? `<img src="${escapeHtml(config.theme.logo)}" alt="">` : ""}<h1>${escapeHtml(root.name)} pricing</h1></div><nav aria-label="Sections">${nav}</nav></header>
<main>
${root.description ? `<p>${escapeHtml(root.description)}</p>` : ""}
<section id="plans" aria-labelledby="plans-title">
<h2 id="plans-title">Plans</h2>
${planCardsHtml(groups, config, currency, `${period}-01`)}
</section>
<section id="calculator-section" aria-labelledby="calculator-title">
<h2 id="calculator-title">Price calculator</h2>
<p>Choose an edition, your usage and add-ons: the quote below is computed by the same rules and the same evaluator as <code>ratecard quote</code>.</p>
<form id="calculator" onsubmit="return false">
<label${examples.length ? "" : " hidden"}>Start from an example<select id="example"></select></label>
<label${several ? "" : " hidden"}>Billing mode<select id="mode"></select></label>
<label>Edition<select id="edition"></select></label>
<label>Month<input id="period" type="month"></label>
<fieldset><legend>Usage</legend><div id="meters"></div></fieldset>
<fieldset id="addons-field"><legend>Add-ons</legend><div id="addons"></div><ul class="reason" id="addon-reasons"></ul><p class="reason" id="addon-dropped" aria-live="polite"></p></fieldset>
<fieldset id="coupons-field"><legend>Coupons</legend><div id="coupons"></div></fieldset>
<details id="more"><summary>More options</summary><div class="more">
<label${datedApps ? "" : " hidden"}>Customer since<input id="created" type="date"></label>
<label${root.migrations?.length ? "" : " hidden"}>Moved to another billing mode on<input id="migrated" type="date"></label>
<label id="change-on-field">Change of edition on<input id="change-on" type="date"></label>
<label id="change-to-field">New edition from that day<select id="change-to"></select></label>
<label>Prepaid credit balance<input id="credit" type="number" min="0" step="any"></label>
</div></details>
</form>
<div id="result" aria-live="polite"></div>
<div id="sticky-total" aria-live="polite"></div>
</section>
${sections}
</main>
<script type="application/json" id="ratecard-rules">${data}</script>
<script>${script}</script>
</body>
</html>
`;
}

/** The page that lists every rule set's pricing page. */
export function indexPage(ruleSets: { id: string; name: string; description?: string | undefined }[]): string {
  const items = ruleSets
    .map(
      (r) =>
        `<li><a class="set" href="${escapeHtml(r.id)}/index.html">${escapeHtml(r.name)}</a>${r.description ? ` — ${escapeHtml(r.description)}` : ""}</li>`,
    )
    .join("");
  return `${head("Pricing", undefined)}
<body>
<header><h1>Pricing</h1></header>
<main>
<section aria-label="Products"><ul>${items}</ul></section>
</main>
</body>
</html>
`;
}
