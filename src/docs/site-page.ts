import type { EditionDoc, ModeDoc, RuleSetDoc } from "../model/document.js";
import { feeText } from "../render/docs/mode-page.js";
import { count, includedWords, type Currency } from "../render/docs/words.js";
import { escapeHtml, pageToHtml } from "../render/docs/html.js";
import type { Page } from "../render/docs/page.js";

const STYLE = `
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
header{background:#1d2330;color:#fff;padding:1.2rem 2rem}header h1{margin:0;font-size:1.5rem}
main{max-width:1100px;margin:0 auto;padding:1rem 2rem 3rem}
section{background:#fff;border:1px solid #dde1e7;border-radius:8px;padding:0.5rem 1.5rem 1.5rem;margin:1.5rem 0}
nav a{color:#cfe0ff;margin-right:1rem}
table{border-collapse:collapse;width:100%;margin:0.75rem 0}th,td{border:1px solid #dde1e7;padding:0.4rem 0.6rem;text-align:left;vertical-align:top}
thead th{background:#eef1f5}tbody th{font-weight:500;background:#fafbfc}
.note{background:#fff8e1;border-left:4px solid #f0b400;padding:0.5rem 0.75rem}
.num{text-align:right;white-space:nowrap}
form{display:grid;grid-template-columns:repeat(auto-fill,minmax(230px,1fr));gap:0.75rem;margin:0.75rem 0}
label{display:flex;flex-direction:column;font-size:0.9rem}label.inline{display:inline-flex;flex-direction:row;gap:0.3rem}
input,select{font:inherit;padding:0.3rem}
fieldset{grid-column:1/-1;border:1px solid #dde1e7;border-radius:6px}
#meters{display:grid;grid-template-columns:repeat(auto-fill,minmax(230px,1fr));gap:0.75rem}
.addon{margin:0.3rem 0}.addon label{display:inline-flex;flex-direction:row;gap:0.3rem}
.reason{color:#9a3412;font-size:0.85rem}.addon .price{color:#3b4455;font-size:0.85rem}
.errors{color:#9a3412}.warnings{color:#8a5a00}
.scroll{overflow-x:auto;max-width:100%}
#sticky-total{position:sticky;bottom:0;background:#1d2330;color:#fff;padding:0.6rem 1rem;border-radius:6px;margin-top:1rem;font-weight:600}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(200px,1fr));gap:0.75rem}
.card{border:1px solid #dde1e7;border-radius:8px;padding:0.75rem 1rem;background:#fff}.card h3{margin:0 0 0.25rem}.card .price{font-size:1.2rem;font-weight:600}
a{color:#1a4fb8}nav a{color:#cfe0ff}
@media (max-width:600px){header{padding:1rem}main{padding:0.5rem 0.75rem 2rem}section{padding:0.25rem 0.75rem 1rem}form,#meters{grid-template-columns:1fr}nav a{display:inline-block;margin:0.2rem 0.6rem 0.2rem 0}}
`;

interface SitePageInput {
  root: RuleSetDoc;
  modes: ModeDoc[];
  pages: { id: string; page: Page }[];
  period: string;
  script: string;
}

/** One self-contained HTML file: every mode's price tables and the calculator, no server needed. */
export function sitePage({ root, modes, pages, period, script }: SitePageInput): string {
  const data = JSON.stringify({ root, modes, defaults: { period } }).replace(/</g, "\\u003c");
  const nav = [`<a href="#plans">Plans</a>`, `<a href="#calculator-section">Price calculator</a>`, ...pages.map(({ id, page }) => `<a href="#${id}">${escapeHtml(page.title.split(": ").at(-1)!)}</a>`)].join("");
  const sections = pages.map(({ id, page }) => `<section id="${id}">\n${pageToHtml(page, true)}\n</section>`).join("\n");
  // The plans of the first mode listed (modes in force come first), latest prices.
  const first = modes.filter((mode) => mode.id === pages[0]?.id).sort((a, b) => (a.effective?.from ?? "").localeCompare(b.effective?.from ?? "")).at(-1);
  const currency = { code: root.money.currency, scale: root.money.scale };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(root.name)} pricing</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${escapeHtml(root.name)} pricing</h1><nav>${nav}</nav></header>
<main>
${root.description ? `<p>${escapeHtml(root.description)}</p>` : ""}
<section id="plans" aria-labelledby="plans-title">
<h2 id="plans-title">Plans${first && pages.length > 1 ? `: ${escapeHtml(first.name)}` : ""}</h2>
<div class="cards">${first ? first.editions.map((edition) => planCard(edition, first, currency)).join("") : ""}</div>
</section>
<section id="calculator-section">
<h2>Price calculator</h2>
<p>Choose a billing mode, an edition, your usage and add-ons: the quote below is computed by the same rules and the same evaluator as <code>ratecard quote</code>.</p>
<form id="calculator" onsubmit="return false">
<label${new Set(modes.map((mode) => mode.id)).size > 1 ? "" : " hidden"}>Billing mode<select id="mode"></select></label>
<label>Edition<select id="edition"></select></label>
<label>Month<input id="period" type="month"></label>
<label${root.selection.rules?.length || modes.some((mode) => mode.available) ? "" : " hidden"}>Customer since<input id="created" type="date"></label>
<label${root.migrations?.length ? "" : " hidden"}>Moved to another billing mode on<input id="migrated" type="date"></label>
<fieldset><legend>Usage</legend><div id="meters"></div></fieldset>
<fieldset><legend>Add-ons</legend><div id="addons"></div><ul class="reason" id="addon-reasons"></ul><p class="reason" id="addon-dropped" aria-live="polite"></p></fieldset>
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

/** A plan card: the edition's name, its fee and what it includes. */
function planCard(edition: EditionDoc, mode: ModeDoc, currency: Currency): string {
  const included = Object.entries(edition.quotas ?? {}).flatMap(([id, quota]) => {
    const meter = mode.meters.find((m) => m.id === id);
    if (!meter || quota.included === undefined) return [];
    return [`${includedWords(quota.included, mode.meters)} ${meter.plural ?? `${meter.unit}s`} included${quota.limit !== undefined ? ` (at most ${count(quota.limit)})` : ""}`];
  });
  const items = [...(edition.description ? [edition.description] : []), ...included];
  return `<div class="card"><h3>${escapeHtml(edition.name)}</h3><p class="price">${escapeHtml(feeText(edition, mode, currency))}</p>${items.length ? `<ul>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join("")}</ul>` : ""}</div>`;
}

/** The page that lists every rule set's pricing page. */
export function indexPage(ruleSets: { id: string; name: string; description?: string | undefined }[]): string {
  const items = ruleSets.map((r) => `<li><a href="${escapeHtml(r.id)}/index.html">${escapeHtml(r.name)}</a>${r.description ? ` — ${escapeHtml(r.description)}` : ""}</li>`).join("");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pricing</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>Pricing</h1></header>
<main>
<section><ul>${items}</ul></section>
</main>
</body>
</html>
`;
}
