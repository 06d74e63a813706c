import { checkCells, overlapMessage } from "../check/quota-cells.js";
import { checkQuota } from "../check/quotas.js";
import { checkTiers } from "../check/tiers.js";
import { withOverrides } from "../compile/compile-overrides.js";
import type { ProblemCode } from "../errors/codes.js";
import type { DocPath } from "../errors/problem.js";
import { didYouMean, listed } from "../errors/format.js";
import { appliesWith, type EditionPlan, type ModePlan } from "../model/plan.js";
import { quotaList } from "../model/document.js";
import type { Overrides } from "../model/usage.js";
import { report, type UsageContext } from "./context.js";

type Report = (path: DocPath, code: ProblemCode, message: string, on?: "value" | "key") => void;
type AgreedEdition = NonNullable<Overrides["editions"]>[string];

/**
 * The mode with the document's agreed terms in place, after checking them as the rules' own
 * are checked (same codes, at their place in the document): every charge, edition and meter
 * named exists in the mode, tiers ascend, quotas and caps fit their meters, and a per-unit fee
 * counts a meter of the mode. Undefined when a check fails (the problems say why).
 */
export function resolveOverrides(context: UsageContext, mode: ModePlan): ModePlan | undefined {
  const overrides = context.doc.overrides;
  if (!overrides) return mode;
  const before = context.problems.length;
  const problem: Report = (path, code, message, on) => report(context, path, code, message, on);
  const charges = mode.charges.map((charge) => charge.id);
  for (const [id, agreed] of Object.entries(overrides.charges ?? {})) {
    const at = ["overrides", "charges", id];
    const charge = mode.charges.find((c) => c.id === id);
    if (!charge) {
      problem(
        at,
        "usage.override",
        `overrides.charges names charge "${id}", which mode ${mode.id} does not have; its charges: ${listed(charges)}`,
        "key",
      );
      continue;
    }
    const meter = mode.meters.get(charge.meter)!;
    if (agreed.price) checkTiers(agreed.price, [...at, "price"], problem, meter.integer);
    if (agreed.cap !== undefined && meter.dimensions.length > 0)
      problem(
        [...at, "cap"],
        "dimension.limit",
        `charge ${id} prices a meter with dimensions; a cap would have to be shared between its cells`,
      );
  }
  for (const [id, agreed] of Object.entries(overrides.editions ?? {})) {
    const at = ["overrides", "editions", id];
    const edition = mode.editions.get(id);
    if (edition) checkAgreedEdition(mode, edition, agreed, at, problem);
    else
      problem(
        at,
        "usage.override",
        `overrides.editions names edition "${id}", which mode ${mode.id} does not have; its editions: ${listed([...mode.editions.keys()])}`,
        "key",
      );
  }
  if (context.problems.length > before) return undefined;
  const agreed = withOverrides(mode, overrides);
  checkAgreedOverlaps(agreed, overrides, problem);
  if (context.problems.length > before) return undefined;
  context.trace?.push({
    rule: "overrides",
    text: `prices agreed with this customer replace ${listed([...Object.keys(overrides.charges ?? {}), ...Object.keys(overrides.editions ?? {})])}`,
  });
  return agreed;
}

/** Agreed quotas beside the rules' quotas on a meter still cover each cell once. */
function checkAgreedOverlaps(agreed: ModePlan, overrides: Overrides, problem: Report): void {
  for (const [id, terms] of Object.entries(overrides.editions ?? {})) {
    for (const meter of Object.keys(terms.quotas ?? {})) {
      const selectors =
        agreed.editions
          .get(id)!
          .cellQuotas?.get(meter)
          ?.map((quota) => quota.cells) ?? [];
      const message = selectors
        .map((_, k) => overlapMessage(agreed.meters.get(meter)!, meter, id, selectors, k))
        .find(Boolean);
      if (message) problem(["overrides", "editions", id, "quotas", meter], "quota.overlap", message);
    }
  }
}

function checkAgreedEdition(
  mode: ModePlan,
  edition: EditionPlan,
  agreed: AgreedEdition,
  at: DocPath,
  problem: Report,
): void {
  const charges = mode.charges.map((charge) => charge.id);
  const meters = [...mode.meters.keys()];
  for (const [meter, written] of Object.entries(agreed.quotas ?? {})) {
    const here = [...at, "quotas", meter];
    if (!mode.meters.has(meter)) {
      problem(
        here,
        "ref.unknown-meter",
        `unknown meter "${meter}"; ${didYouMean(meter, meters)}known: ${listed(meters)}`,
        "key",
      );
      continue;
    }
    quotaList(written).forEach((quota, j) =>
      checkQuota(mode.meters, meter, quota, edition.id, Array.isArray(written) ? [...here, j] : here, problem),
    );
  }
  const commitment = agreed.commitment;
  const billed = mode.charges.filter((c) => appliesWith(c, edition.id)).map((c) => c.meter);
  if (commitment && !billed.includes(commitment.meter)) {
    problem(
      [...at, "commitment", "meter"],
      "usage.override",
      `the commitment is on meter "${commitment.meter}", which no charge of ${edition.name} bills; its charges bill: ${listed([...new Set(billed)])}`,
    );
  }
  const committed = commitment && mode.meters.get(commitment.meter);
  if (committed && commitment.cells)
    checkCells(committed, commitment.meter, commitment.cells, "the commitment", [...at, "commitment"], problem);
  const spend = agreed.maximumSpend;
  if (typeof spend === "object" && spend.on !== "usage") {
    spend.on.forEach((charge, j) => {
      if (!charges.includes(charge))
        problem(
          [...at, "maximumSpend", "on", j],
          "usage.override",
          `the spend limit caps charge "${charge}", which mode ${mode.id} does not have; its charges: ${listed(charges)}`,
        );
    });
  }
  const fee = agreed.fee;
  if (typeof fee === "object" && !mode.meters.has(fee.per)) {
    problem(
      [...at, "fee", "per"],
      "usage.override",
      `the fee counts meter "${fee.per}", which mode ${mode.id} does not have; its meters: ${listed(meters)}`,
    );
  }
}

/**
 * Agreed terms that name only editions the month is not on apply to nothing: said as a warning,
 * since a customer's agreed spend limit or price for one plan would otherwise vanish silently
 * when the customer moves to another (terms for several editions, one of them in use, are fine).
 */
export function warnUnusedOverrides(
  context: UsageContext,
  segments: readonly { edition: EditionPlan }[],
  last: EditionPlan,
): void {
  const agreed = context.doc.overrides?.editions;
  if (!agreed) return;
  const named = Object.keys(agreed);
  const editions = [...segments.map((segment) => segment.edition.id), last.id];
  if (!named.length || named.some((id) => editions.includes(id))) return;
  context.warnings.push({
    code: "override.unused",
    message: `the agreed terms in overrides.editions are for ${listed(named)}; this month is on ${listed([...new Set(editions)])}, so none of them apply`,
  });
}
