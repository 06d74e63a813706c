import { ZERO } from "../../money/decimal.js";
import { counted } from "../../money/format.js";
import type { ChargeModel } from "./model.js";

/**
 * Free, usually for a limited time. A month that starts on or after `until` is priced by
 * `then`; with no `then` it is left unpriced with a warning rather than given a made-up price.
 */
/** Whether a free offer ending on `until` is over for the month starting on `monthStart` (both ISO dates). */
export function freeOfferEnded(until: string | undefined, monthStart: string): boolean {
  return until !== undefined && until <= monthStart;
}

export const free: ChargeModel<"free"> = {
  model: "free",
  compile(doc, compileNested) {
    const then = doc.then ? compileNested(doc.then) : undefined;
    return (billable, context) => {
      const { period, meter } = context;
      if (freeOfferEnded(doc.until, period.from)) {
        if (then) {
          const priced = then(billable, context);
          return {
            ...priced,
            words: () => {
              const words = priced.words();
              return { ...words, text: `(offer "${doc.note}" ended ${doc.until}) ${words.text}` };
            },
          };
        }
        return {
          amount: ZERO,
          quantity: billable,
          unit: meter.unit,
          unitPrice: null,
          words: () => ({ phrase: "", text: `→ offer "${doc.note}" ended ${doc.until}; no published price` }),
          unpriced: true,
          warnings: [
            {
              code: "offer.ended",
              message: `the offer "${doc.note}" for ${meter.name} ended on ${doc.until} and no later price is published; ${counted(billable, meter)} are not priced in this quote`,
            },
          ],
        };
      }
      const warnings =
        doc.until && doc.until <= period.to
          ? [
              {
                code: "offer.ended" as const,
                message: `the offer "${doc.note}" for ${meter.name} ends on ${doc.until}, inside this month; the whole month is quoted free`,
              },
            ]
          : undefined;
      return {
        amount: ZERO,
        quantity: billable,
        unit: meter.unit,
        unitPrice: ZERO,
        note: doc.note,
        words: () => ({ phrase: `free of charge (${doc.note})`, text: `→ ${doc.note}` }),
        ...(warnings ? { warnings } : {}),
      };
    };
  },
};
