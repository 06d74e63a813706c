import { listed } from "../errors/format.js";
import type { DocPath } from "../errors/problem.js";
import type { EditionPlan, ModePlan } from "../model/plan.js";
import { report, type UsageContext } from "./context.js";

/** An edition the document names (by default its `edition:`), which must belong to the mode; none named: the mode's default. */
export function resolveEdition(
  context: UsageContext,
  mode: ModePlan,
  id = context.doc.edition,
  at: DocPath = ["edition"],
): EditionPlan | undefined {
  if (id === undefined) {
    const edition = mode.editions.get(mode.defaultEdition);
    if (edition)
      context.trace?.push({
        rule: `edition/${mode.defaultEdition}`,
        text: `edition ${edition.name}: the default of mode ${mode.id}`,
      });
    return edition;
  }
  const edition = mode.editions.get(id);
  if (edition) {
    context.trace?.push({
      rule: `edition/${id}`,
      text: `edition ${edition.name}: named in the usage document${at[0] === "changes" ? ` from ${String(context.doc.changes?.[at[1] as number]?.on)}` : ""}`,
    });
    return edition;
  }
  const owner = context.plan.versions.find((other) => other.id !== mode.id && other.editions.has(id));
  if (owner) {
    report(
      context,
      at,
      "usage.edition-other-mode",
      `edition "${id}" belongs to mode ${owner.id}, but this quote is in mode ${mode.id}, whose editions are: ${listed([...mode.editions.keys()])}`,
    );
  } else {
    report(
      context,
      at,
      "usage.edition",
      `unknown edition "${id}"; mode ${mode.id} has: ${listed([...mode.editions.keys()])}`,
    );
  }
  return undefined;
}
