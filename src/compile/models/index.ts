import type { PriceDoc } from "../../model/document.js";
import type { Pricer } from "../../model/plan.js";
import { block } from "./block.js";
import { flat } from "./flat.js";
import { free } from "./free.js";
import { graduated } from "./graduated.js";
import type { ChargeModel } from "./model.js";
import { percentage } from "./percentage.js";
import { perUnit } from "./per-unit.js";
import { volume } from "./volume.js";

type Registry = { [M in PriceDoc["model"]]: ChargeModel<M> };

/** Every pricing model, by the `model:` value that selects it. */
const CHARGE_MODELS: Registry = { flat, "per-unit": perUnit, block, graduated, volume, percentage, free };

/** The price each pricer was compiled from: lint reads it for the shape of an amount along usage. */
const compiledFrom = new WeakMap<Pricer, PriceDoc>();

export function compilePrice(doc: PriceDoc): Pricer {
  const model = CHARGE_MODELS[doc.model] as ChargeModel<typeof doc.model>;
  const pricer = model.compile(doc, compilePrice);
  compiledFrom.set(pricer, doc);
  return pricer;
}

/** The price a pricer was compiled from; undefined for one made elsewhere (a customer's agreed price). */
export function priceDocOf(pricer: Pricer): PriceDoc | undefined {
  return compiledFrom.get(pricer);
}
