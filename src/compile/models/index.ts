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

export function compilePrice(doc: PriceDoc): Pricer {
  const model = CHARGE_MODELS[doc.model] as ChargeModel<typeof doc.model>;
  return model.compile(doc, compilePrice);
}
