import type { ModeDoc, RuleSetDoc } from "../model/document.js";
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
.reason{color:#9a3412;font-size:0.85rem}
.errors{color:#9a3412}.warnings{color:#8a5a00}
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
  const nav = [...pages.map(({ id, page }) => `<a href="#${id}">${escapeHtml(page.title.split(": ").at(-1)!)}</a>`), `<a href="#calculator-section">Price calculator</a>`].join("");
  const sections = pages.map(({ id, page }) => `<section id="${id}">\n${pageToHtml(page, true)}\n</section>`).join("\n");
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
${sections}
<section id="calculator-section">
<h2>Price calculator</h2>
<p>Choose a billing mode, an edition, your usage and add-ons: the quote below is computed by the same rules and the same evaluator as <code>ratecard quote</code>.</p>
<form id="calculator" onsubmit="return false">
<label${modes.length > 1 ? "" : " hidden"}>Billing mode<select id="mode"></select></label>
<label>Edition<select id="edition"></select></label>
<label>Month<input id="period" type="month"></label>
<label${root.selection.rules?.length || modes.some((mode) => mode.available) ? "" : " hidden"}>Customer since<input id="created" type="date"></label>
<label${root.migrations?.length ? "" : " hidden"}>Moved to another billing mode on<input id="migrated" type="date"></label>
<fieldset><legend>Usage</legend><div id="meters"></div></fieldset>
<fieldset><legend>Add-ons</legend><div id="addons"></div></fieldset>
</form>
<div id="result" aria-live="polite"></div>
</section>
</main>
<script type="application/json" id="ratecard-rules">${data}</script>
<script>${script}</script>
</body>
</html>
`;
}
