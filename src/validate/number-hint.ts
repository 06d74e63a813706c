import { LIMITS } from "../guard/limits.js";

/**
 * Advice for a number written with commas or spaces ("0,004", "1,500,000", "1.234,5"), saying how
 * to write it; undefined when the text is not such a number. Marks group thousands only when the
 * first group is 1–3 digits not starting with 0 and every later group is 3 digits; a mark written
 * once and last is a decimal point. "1,234" can be read either way, so its advice names both.
 */
export function numberHint(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const match = /^(-?)\s*(\d(?:[\d,. ]*\d)?)$/.exec(value.trim());
  const [, sign = "", body = ""] = match ?? [];
  const marks = body.replace(/\d/g, "");
  if (!marks) return undefined;
  const groups = body.split(/[,. ]/);
  const grouped = new Set(marks).size === 1 && isGrouped(groups) ? `${sign}${groups.join("")}` : undefined;
  const decimal = decimalReading(marks, groups);
  const signed = decimal === undefined ? undefined : `${sign}${decimal}`;
  if (grouped && signed)
    return `write numbers without thousands separators and decimals with a dot: ${grouped}, or ${signed} if the ${markName(marks)} is a decimal point`;
  if (grouped) return `write numbers without ${marks.startsWith(" ") ? "spaces" : "thousands separators"}: ${grouped}`;
  // A plain decimal with one dot is written right: what is wrong is its size or sign, which the schema says.
  if (signed === undefined || (marks === "." && signed === value.trim())) return undefined;
  if (marks.endsWith(".")) return `write numbers without thousands separators: ${signed}`;
  return marks.length === 1
    ? `write decimals with a dot: ${signed}`
    : `write decimals with a dot and no thousands separators: ${signed}`;
}

/** Advice for a decimal amount written with more digits than an amount keeps exactly ("0.1234567890123"). */
export function precisionHint(value: unknown): string | undefined {
  if (typeof value !== "string" && typeof value !== "number") return undefined;
  const match = /^-?(\d+)(?:\.(\d+))?$/.exec(String(value).trim());
  if (!match) return undefined;
  const [, whole = "", fraction = ""] = match;
  if (fraction.length > LIMITS.fractionDigits)
    return `it has ${fraction.length} digits after the point; amounts keep at most ${LIMITS.fractionDigits}: round it`;
  if (whole.replace(/^0+(?=\d)/, "").length > LIMITS.integerDigits)
    return `it has more than ${LIMITS.integerDigits} digits before the point; amounts keep at most ${LIMITS.integerDigits}`;
  return undefined;
}

/** The number when the last mark, written once, is its decimal point and the others group thousands. */
function decimalReading(marks: string, groups: readonly string[]): string | undefined {
  const mark = marks.at(-1);
  if (mark === " " || marks.indexOf(mark ?? "") !== marks.length - 1) return undefined;
  const whole = groups.slice(0, -1);
  if (whole.length > 1 && !isGrouped(whole)) return undefined;
  return `${whole.join("")}.${groups.at(-1) ?? ""}`;
}

/** 1–3 digits not starting with 0, then groups of exactly 3: digits grouped by thousands. */
function isGrouped(groups: readonly string[]): boolean {
  const [first = "", ...rest] = groups;
  return rest.length > 0 && /^[1-9]\d{0,2}$/.test(first) && rest.every((g) => /^\d{3}$/.test(g));
}

function markName(marks: string): string {
  return marks === "," ? "comma" : "dot";
}
