const MAX_ID = 64;

/** A Pricing2Yaml name as a ratecard id: camelCase and spaces become dashes, lower case, at most 64 characters. */
export function idFrom(name: string, fallback: string): string {
  const id = name
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1-$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, MAX_ID)
    .replace(/-+$/, "");
  return id === "" ? fallback : id;
}

/** Ids unique within one namespace: a name that clashes after conversion gets -2, -3, … */
export class IdSpace {
  private readonly taken = new Set<string>();
  private readonly byName = new Map<string, string>();

  constructor(private readonly fallback: string) {}

  claim(name: string): string {
    const base = idFrom(name, this.fallback);
    let id = base;
    for (let n = 2; this.taken.has(id); n++) id = `${base.slice(0, MAX_ID - String(n).length - 1)}-${n}`;
    this.taken.add(id);
    this.byName.set(name, id);
    return id;
  }

  /** The id given to a name claimed before. */
  of(name: string): string | undefined {
    return this.byName.get(name);
  }
}
