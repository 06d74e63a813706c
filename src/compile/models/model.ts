import type { PriceDoc } from "../../model/document.js";
import type { Pricer } from "../../model/plan.js";

/**
 * A pricing model: one small definition per `model:` value, registered in models/index.ts.
 * `compile` runs once at load and returns the pricer every quote calls.
 */
export interface ChargeModel<M extends PriceDoc["model"]> {
  model: M;
  compile(doc: Extract<PriceDoc, { model: M }>, compileNested: (doc: PriceDoc) => Pricer): Pricer;
}
