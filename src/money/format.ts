import type { Decimal } from "./decimal.js";

/** Groups thousands for people: 23456 → "23,456"; keeps every decimal digit. */
export function groupDigits(value: Decimal): string {
  return groupText(value.toFixed());
}

/** Groups the thousands of a decimal string as written: "2219.90" → "2,219.90". */
export function groupText(decimal: string): string {
  const [whole = "0", fraction] = decimal.split(".");
  const sign = whole.startsWith("-") ? "-" : "";
  const digits = sign ? whole.slice(1) : whole;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return fraction === undefined ? sign + grouped : `${sign}${grouped}.${fraction}`;
}
