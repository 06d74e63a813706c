import { chargePrices, quotaEntries } from "../model/document.js";
import type { ModeDoc, RuleSetDoc } from "../model/document.js";
import { describeLimit, describeOffer, describePrice } from "./describe.js";

/** One business-level change between two versions of a rule set. */
export interface Change {
  /** Where: "mode original › edition pro". */
  scope: string;
  what: string;
  old: string;
  new: string;
}

export interface RuleSetVersion {
  root: RuleSetDoc;
  modes: ModeDoc[];
}

const NONE = "—";

/** Every change between two versions, in business terms. */
export function diffRuleSets(before: RuleSetVersion, after: RuleSetVersion): Change[] {
  const changes: Change[] = [];
  const change = (scope: string, what: string, oldValue: unknown, newValue: unknown) => {
    const a = text(oldValue);
    const b = text(newValue);
    if (a !== b) changes.push({ scope, what, old: a, new: b });
  };
  const root = "rule set";
  change(root, "currency", before.root.money.currency, after.root.money.currency);
  change(root, "rounding", money(before.root), money(after.root));
  change(root, "settlement days", before.root.billing.settlement?.days, after.root.billing.settlement?.days);
  change(root, "default mode", before.root.selection.default, after.root.selection.default);
  change(
    root,
    "migrations",
    (before.root.migrations ?? []).map((m) => `${m.from}→${m.to}${m.reversible ? "" : " (one-way)"}`).join(", "),
    (after.root.migrations ?? []).map((m) => `${m.from}→${m.to}${m.reversible ? "" : " (one-way)"}`).join(", "),
  );
  const versioned = (modes: ModeDoc[]) =>
    modes.map((mode) => ({
      id: `${mode.id}@${mode.effective?.from ?? ""}`,
      mode,
      many: modes.filter((m) => m.id === mode.id).length > 1,
    }));
  for (const [, x, y] of paired(versioned(before.modes), versioned(after.modes))) {
    const some = x === undefined ? y : x;
    const from = some.mode.effective?.from;
    const scope = `mode ${some.mode.id}${x?.many || y?.many ? ` (prices ${from ? `from ${from}` : "before the next version"})` : ""}`;
    const a = x?.mode;
    const b = y?.mode;
    if (!a || !b) {
      change(scope, "mode", a ? "present" : undefined, b ? "present" : undefined);
      continue;
    }
    diffMode(scope, a, b, change);
  }
  return changes;
}

type ChangeFn = (scope: string, what: string, oldValue: unknown, newValue: unknown) => void;

function diffMode(scope: string, a: ModeDoc, b: ModeDoc, change: ChangeFn): void {
  change(scope, "effective from", a.effective?.from, b.effective?.from);
  change(scope, "effective until", a.effective?.until, b.effective?.until);
  change(scope, "retired on", a.retired?.on, b.retired?.on);
  change(scope, "availability", a.available?.when, b.available?.when);
  for (const [id, x, y] of paired(a.meters, b.meters)) {
    const meter = (m: typeof x) =>
      m && `${m.name}, ${m.aggregate}${m.aggregate === "average" ? ` (missing days: ${m.missingDays ?? "zero"})` : ""}`;
    change(`${scope} › meter ${id}`, "meter", meter(x), meter(y));
  }
  for (const [id, x, y] of paired(a.editions, b.editions)) {
    const where = `${scope} › edition ${id}`;
    if (!x || !y) {
      change(where, "edition", x && `${x.name}, fee ${text(x.fee)}`, y && `${y.name}, fee ${text(y.fee)}`);
      continue;
    }
    change(where, "monthly fee", x.fee, y.fee);
    change(where, "minimum spend", x.minimumSpend, y.minimumSpend);
    change(where, "validity", x.validity ?? "monthly", y.validity ?? "monthly");
    change(where, "default", Boolean(x.default), Boolean(y.default));
    const quotasBefore = new Map(quotaEntries(x.quotas).map((entry) => [entry.label, entry.quota]));
    const quotasAfter = new Map(quotaEntries(y.quotas).map((entry) => [entry.label, entry.quota]));
    for (const label of new Set([...quotasBefore.keys(), ...quotasAfter.keys()])) {
      const [a, b] = [quotasBefore.get(label), quotasAfter.get(label)];
      change(where, `included ${label}`, a?.included ?? 0, b?.included ?? 0);
      change(where, `${label} hard limit`, describeLimit(a?.limit), describeLimit(b?.limit));
    }
    for (const entitlement of keys(x.entitlements, y.entitlements)) {
      change(
        where,
        entitlement,
        describeLimit(x.entitlements?.[entitlement]),
        describeLimit(y.entitlements?.[entitlement]),
      );
    }
  }
  for (const [id, x, y] of paired(a.charges ?? [], b.charges ?? [])) {
    const where = `${scope} › charge ${id}`;
    const prices = (charge: typeof x) =>
      charge &&
      chargePrices(charge)
        .map(({ price, match }) => `${match ? `${Object.values(match).join(" ")}: ` : ""}${describePrice(price)}`)
        .join("; ");
    change(where, "price", prices(x), prices(y));
    change(where, "meter", x?.meter, y?.meter);
    change(where, "editions", x && (x.editions ?? ["all"]).join(", "), y && (y.editions ?? ["all"]).join(", "));
  }
  const editions = [...new Set([...a.editions, ...b.editions].map((e) => e.id))];
  for (const [id, x, y] of paired(a.addons ?? [], b.addons ?? [])) {
    const where = `${scope} › add-on ${id}`;
    if (!x || !y) {
      change(where, "add-on", x?.name, y?.name);
      continue;
    }
    change(where, "eligibility", x.eligible, y.eligible);
    change(where, "trial days", x.trial?.days, y.trial?.days);
    change(where, "status", x.status ?? "ga", y.status ?? "ga");
    for (const edition of editions)
      change(where, `price in ${edition}`, describeOffer(x, edition), describeOffer(y, edition));
  }
}

function money(root: RuleSetDoc): string {
  return `${root.money.scale} decimals, ${root.money.rounding}, per ${root.money.roundAt}`;
}

/** Items of two lists matched by id, in the order they first appear. */
/** An id with its item before and after: present on one side at least. */
type Pair<T> = [id: string, before: T, after: T | undefined] | [id: string, before: undefined, after: T];

function paired<T extends { id: string }>(a: readonly T[], b: readonly T[]): Pair<T>[] {
  const ids = [...new Set([...a, ...b].map((item) => item.id))];
  return ids.flatMap((id): Pair<T>[] => {
    const x = a.find((item) => item.id === id);
    const y = b.find((item) => item.id === id);
    return x ? [[id, x, y]] : y ? [[id, undefined, y]] : [];
  });
}

function keys(a: object | undefined, b: object | undefined): string[] {
  return [...new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])];
}

function text(value: unknown): string {
  if (value === undefined || value === null || value === "") return NONE;
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- objects are stringified as JSON above
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}
