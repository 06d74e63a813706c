import type { Quote } from "../model/quote.js";
import { validatorFor } from "../validate/schemas.js";
import { assertMapping, readArgument, refuseArgument } from "../errors/ratecard-error.js";
import { checkPlainData } from "../load/plain-data.js";

/** A quote passed to a renderer, checked to be one (plain data of quote.schema.json's shape) before a field is read. */
export function readQuote(value: unknown): Quote {
  return readArgument("quote", () => {
    assertMapping(value, "quote", "a quote from quote()");
    const shape = checkPlainData(value);
    if (shape) refuseArgument(`quote is not a quote from quote(): ${shape.message}`);
    const validate = validatorFor("quote");
    if (validate(value)) return value as unknown as Quote;
    const first = validate.errors?.[0];
    refuseArgument(
      `quote is not a quote from quote(): ${first ? `${first.instancePath || "the quote"} ${first.message ?? "does not fit"}` : "it does not fit quote.schema.json"}`,
    );
  });
}
