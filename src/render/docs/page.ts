/** A documentation page as plain structure, rendered to Markdown or HTML by the same data. */
export type Block =
  | { kind: "heading"; level: 1 | 2 | 3; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "note"; text: string }
  | { kind: "list"; items: string[] }
  | { kind: "table"; header: string[]; rows: string[][] };

export interface Page {
  title: string;
  blocks: Block[];
}

/** Cells and paragraphs may hold several lines; each renderer joins them its own way. */
export const LINE_BREAK = "\n";
