import { LINE_BREAK, type Page } from "./page.js";

/** A page as Markdown: GitHub tables, notes as block quotes. */
export function pageToMarkdown(page: Page): string {
  const out: string[] = [];
  for (const block of page.blocks) {
    switch (block.kind) {
      case "heading":
        out.push(`${"#".repeat(block.level)} ${block.text}`, "");
        break;
      case "paragraph":
        out.push(block.text, "");
        break;
      case "note":
        out.push(`> ${block.text}`, "");
        break;
      case "list":
        out.push(...block.items.map((item) => `- ${item}`), "");
        break;
      case "table":
        out.push(row(block.header), row(block.header.map(() => "---")), ...block.rows.map(row), "");
        break;
    }
  }
  return `${out.join("\n").trimEnd()}\n`;
}

function row(cells: string[]): string {
  return `| ${cells.map((c) => c.replace(/\|/g, "\\|").split(LINE_BREAK).join("<br>")).join(" | ")} |`;
}
