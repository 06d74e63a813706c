import { LINE_BREAK, type Page } from "./page.js";

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** A page's blocks as HTML (headings one level down when `nested`, for a page holding several). */
export function pageToHtml(page: Page, nested = false): string {
  const out: string[] = [];
  // A table's scroll region is named by the page and the heading above it, unique on a page of several.
  let heading = page.title;
  for (const block of page.blocks) {
    switch (block.kind) {
      case "heading": {
        if (block.level > 1) heading = `${page.title.split(": ").at(-1)}: ${block.text}`;
        const level = Math.min(6, block.level + (nested ? 1 : 0));
        out.push(`<h${level}>${escapeHtml(block.text)}</h${level}>`);
        break;
      }
      case "paragraph":
        out.push(`<p>${escapeHtml(block.text)}</p>`);
        break;
      case "note":
        out.push(`<p class="note">${escapeHtml(block.text)}</p>`);
        break;
      case "list":
        out.push(`<ul>${block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join("")}</ul>`);
        break;
      case "table":
        out.push(
          `<div class="scroll" role="region" tabindex="0" aria-label="${escapeHtml(heading)}"><table><thead><tr>${block.header.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr></thead><tbody>${block.rows
            .map(
              (row) =>
                `<tr>${row.map((cell, i) => (i === 0 ? `<th scope="row">${cell_(cell)}</th>` : `<td>${cell_(cell)}</td>`)).join("")}</tr>`,
            )
            .join("")}</tbody></table></div>`,
        );
        break;
    }
  }
  return out.join("\n");
}

function cell_(text: string): string {
  return text.split(LINE_BREAK).map(escapeHtml).join("<br>");
}
