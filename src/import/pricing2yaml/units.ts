const SEAT_WORDS = new Set(["user", "seat", "member", "agent", "editor", "host", "license", "licence"]);

/** The unit word when a price is per user (`user/month`, `/user/month`, `seat/mo`), else undefined. */
export function seatUnit(unit: string | undefined): string | undefined {
  return parts(unit)
    .map(singular)
    .find((word) => SEAT_WORDS.has(word));
}

/** The unit's words apart from the month: what else a price is per (`team/month` → ["team"]). */
export function otherUnitWords(unit: string | undefined): string[] {
  return parts(unit)
    .map(singular)
    .filter((word) => !SEAT_WORDS.has(word) && !/^(month|mo|monthly)$/.test(word));
}

function parts(unit: string | undefined): string[] {
  return (unit ?? "")
    .toLowerCase()
    .split(/[/\s]+|\bper\b/)
    .map((word) => word.trim())
    .filter(Boolean);
}

function singular(word: string): string {
  return word.length > 3 && word.endsWith("s") ? word.slice(0, -1) : word;
}
