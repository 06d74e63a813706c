import { addDays } from "../calendar/dates.js";
import type { IsoDate } from "../calendar/dates.js";
import type { EditionPlan, ModePlan } from "../model/plan.js";
import { report, type UsageContext } from "./context.js";
import { resolveEdition } from "./resolve-edition.js";
import type { MeterReading } from "./meter-reading.js";
import { selectAddons, usageFacts, type AddonChoice, type SelectedAddon } from "./select-addons.js";

/** A stretch of the month with one edition and one set of add-ons. */
export interface Segment {
  from: IsoDate;
  to: IsoDate;
  edition: EditionPlan;
  addons: SelectedAddon[];
}

/**
 * Splits the month at each change of the usage document: the first segment has the document's
 * edition and add-ons, each change applies from its day. The mode's plan-change rules (how many
 * per month, no downgrade to a free edition) are enforced here. `last` is the edition at the end of the month.
 */
export function resolveSegments(
  context: UsageContext,
  mode: ModePlan,
  first: EditionPlan,
  meters: ReadonlyMap<string, MeterReading>,
): { segments: Segment[]; last: EditionPlan } {
  let facts: Record<string, number> | undefined;
  const usage = () => (facts ??= usageFacts(meters));
  const { period } = context;
  const changes = context.doc.changes ?? [];
  const rules = mode.planChanges;
  let edition = first;
  const choices = new Map<string, AddonChoice>(
    Object.entries(context.doc.addons ?? {}).map(([id, value]) => [id, { value, at: ["addons", id] }]),
  );
  const segments: Segment[] = [];
  let start = period.from;
  let editionChanges = 0;
  changes.forEach((change, i) => {
    const path = ["changes", i];
    if (change.on < period.from || change.on > period.to)
      return report(
        context,
        [...path, "on"],
        "usage.change",
        `changes[${i}].on ${change.on} is outside ${period.month}`,
      );
    if (change.on < start || (i > 0 && change.on === start))
      return report(
        context,
        [...path, "on"],
        "usage.change",
        `changes must be in date order, one per day; ${change.on} does not come after ${start}`,
      );
    if (change.on > start)
      segments.push({
        from: start,
        to: addDays(change.on, -1),
        edition,
        addons: selectAddons(context, mode, edition, choices, usage),
      });
    start = change.on;
    if (change.edition !== undefined && change.edition !== edition.id) {
      const next = resolveEdition(context, mode, change.edition, [...path, "edition"]);
      if (!next) return;
      editionChanges++;
      if (rules.perMonth !== undefined && editionChanges > rules.perMonth) {
        report(
          context,
          [...path, "edition"],
          "usage.change",
          `mode ${mode.id} allows ${rules.perMonth} edition change${rules.perMonth === 1 ? "" : "s"} per calendar month; this is change ${editionChanges}`,
        );
      }
      if (!rules.downgradeToFree && isFree(next) && !isFree(edition)) {
        report(
          context,
          [...path, "edition"],
          "usage.change",
          `${edition.name} cannot be changed to the free ${next.name} in mode ${mode.id}${rules.note ? ` (${rules.note})` : ""}`,
        );
      }
      edition = next;
    }
    for (const [id, value] of Object.entries(change.addons ?? {}))
      choices.set(id, { value, at: [...path, "addons", id] });
  });
  segments.push({ from: start, to: period.to, edition, addons: selectAddons(context, mode, edition, choices, usage) });
  return { segments, last: edition };
}

/** A free edition, or one with no fee (pay as you go): what a downgrade rule calls free. */
function isFree(edition: EditionPlan): boolean {
  return edition.fee.kind === "free" || edition.fee.kind === "none";
}
