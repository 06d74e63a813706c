/** A value as a message may echo it: long text is cut and its length stated, so a message stays short. */
export function clip(text: string, keep = 60): string {
  if (text.length <= keep) return text;
  return `${text.slice(0, keep)}… (${text.length.toLocaleString("en-US")} characters)`;
}
