import { groupText } from "../money/format.js";
import type { AddonDoc, LimitText, OfferDoc, PriceDoc, TierDoc } from "../model/document.js";

/** Short business wording of rule values, so a diff reads as prices rather than YAML. */
export function describePrice(price: PriceDoc): string {
  switch (price.model) {
    case "flat":
      return `flat ${price.amount}`;
    case "per-unit":
      return price.per ? `${price.unitPrice} per ${groupText(String(price.per))}` : `${price.unitPrice} each`;
    case "block":
      return `${price.blockPrice} per block of ${groupText(String(price.blockSize))}`;
    case "graduated":
    case "volume":
      return `${price.model} tiers ${price.tiers.map(describeTier).join(", ")}`;
    case "percentage":
      return `${price.percent}%${price.minimum === undefined ? "" : `, at least ${price.minimum}`}${price.maximum === undefined ? "" : `, at most ${price.maximum}`}`;
    case "free":
      return `free (${price.note}${price.until ? `, until ${price.until}` : ""})${price.then ? `, then ${describePrice(price.then)}` : ""}`;
  }
}

function describeTier(tier: TierDoc): string {
  return `${tier.upTo === undefined ? "rest" : `up to ${groupText(String(tier.upTo))}`} at ${tier.unitPrice}${tier.flatPrice === undefined ? "" : ` + ${tier.flatPrice}`}`;
}

/** What an add-on costs in one edition, in words: "239.99", "30: 99.99, 90: 179.99", "included", "not offered". */
export function describeOffer(addon: AddonDoc, edition: string): string {
  const offer: OfferDoc | undefined = addon.editions
    ? addon.editions[edition]
    : {
        ...(addon.price !== undefined ? { price: addon.price } : {}),
        ...(addon.options ? { options: addon.options } : {}),
      };
  if (!offer || offer.offered === false) return "not offered";
  if (offer.included) return "included";
  const parts = [];
  if (offer.price !== undefined) parts.push(String(offer.price));
  if (offer.options)
    parts.push(
      Object.entries(offer.options)
        .map(([value, cell]) => `${value}: ${cell}`)
        .join(", "),
    );
  return parts.join("; ") || "no published price";
}

export function describeLimit(value: LimitText | undefined): string {
  return value === undefined ? "none" : String(value);
}
