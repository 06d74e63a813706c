import { listed } from "../check/context.js";
import type { EditionPlan, ModePlan } from "../model/plan.js";
import { report, type UsageContext } from "./context.js";

/** The document's `edition:`, which must belong to the mode, or the mode's default. */
export function resolveEdition(context: UsageContext, mode: ModePlan): EditionPlan | undefined {
  const id = context.doc.edition;
  if (id === undefined) {
    context.trace.push({ rule: `edition/${mode.defaultEdition}`, text: `edition ${mode.editions.get(mode.defaultEdition)!.name}: the default of mode ${mode.id}` });
    return mode.editions.get(mode.defaultEdition);
  }
  const edition = mode.editions.get(id);
  if (edition) {
    context.trace.push({ rule: `edition/${id}`, text: `edition ${edition.name}: named in the usage document` });
    return edition;
  }
  const owner = context.plan.versions.find((other) => other.id !== mode.id && other.editions.has(id));
  if (owner) {
    report(context, ["edition"], "usage.edition-other-mode", `edition "${id}" belongs to mode ${owner.id}, but this quote is in mode ${mode.id}, whose editions are: ${listed([...mode.editions.keys()])}`);
  } else {
    report(context, ["edition"], "usage.edition", `unknown edition "${id}"; mode ${mode.id} has: ${listed([...mode.editions.keys()])}`);
  }
  return undefined;
}
