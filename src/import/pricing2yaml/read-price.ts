import type { DocPath } from "../../errors/problem.js";
import type { SourcePrice } from "./model.js";
import type { Issues } from "./issues.js";
import { decimalText, kindOf, textOf } from "./read-values.js";

/**
 * A price: a non-negative number, or words ("Contact sales"), which mean there is no public price.
 * A SpEL expression (`"#x*#y"`, syntax 2.0+) is not evaluated: reported, and imported as no public price.
 */
export function readPrice(value: unknown, path: DocPath, issues: Issues): SourcePrice {
  const amount = decimalText(value);
  if (amount !== undefined && !amount.startsWith("-")) return { kind: "amount", amount };
  const text = textOf(value);
  if (text !== undefined && amount === undefined) {
    if (/#|[*+/()]/.test(text))
      issues.unmapped(path, `the price expression "${text}" is not evaluated; imported as no public price`);
    return { kind: "text", text };
  }
  issues.add(
    "import.invalid",
    path,
    `${path.join(".")} must be a price of 0 or more, or words such as "Contact sales", not ${kindOf(value)}; imported as no public price`,
  );
  return { kind: "missing" };
}
