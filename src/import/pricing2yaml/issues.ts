import type { ProblemCode } from "../../errors/codes.js";
import type { DocPath, Problem } from "../../errors/problem.js";
import type { SourceDocument } from "../../load/source-document.js";

/** The problems of one import, each with its Pricing2Yaml path and, from a file, its line. */
export class Issues {
  readonly list: Problem[] = [];

  constructor(private readonly source: SourceDocument) {}

  add(code: ProblemCode, path: DocPath, message: string): void {
    const source = this.source.locate(path);
    this.list.push({ code, message, path: [...path], ...(source ? { source } : {}) });
  }

  /** A field the rule set cannot say: named with its path, never dropped silently. */
  unmapped(path: DocPath, why: string): void {
    this.add("import.unmapped", path, `${path.join(".")} is not imported: ${why}`);
  }
}
