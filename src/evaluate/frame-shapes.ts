import type { UsageDocument } from "../model/usage.js";
import type { QuoteOptions } from "../usage/context.js";

/**
 * Documents by shape: everything of a document but its usage numbers, walked as a sequence of
 * tokens down a trie of maps, so that finding a document's shape costs a map lookup per token
 * instead of building and hashing a text key of the whole document (1.5 µs a quote). Two
 * documents that reach the same node resolve alike (mode, edition, add-ons, discounts) and pass
 * or fail the schema alike, since the schema admits any number as a usage value.
 *
 * The token sequence is self-delimiting: a value is one primitive token (a map key keeps its
 * type, so "1", 1 and true differ), or an opening token, its names and values, and a closing
 * token; a usage value is QUANTITY, a list opening and its length, or a map of cells. Different
 * documents therefore never reach the same node. -0 (which a map key would not tell from 0) and
 * anything but plain data have no shape.
 */
export class Shapes<T> {
  #root = new ShapeNode<T>();
  #count = 0;

  constructor(private readonly max: number) {}

  /** What is kept for the document's shape; undefined when nothing is, NO_SHAPE when the document has none. */
  get(doc: UsageDocument, options: QuoteOptions): T | undefined | typeof NO_SHAPE {
    const node = walk(this.#root, doc, options, "find");
    return node === NO_SHAPE ? NO_SHAPE : node?.kept;
  }

  /** Keeps `value` for the document's shape; past `max` shapes, those kept before are dropped. */
  set(doc: UsageDocument, options: QuoteOptions, value: T): void {
    if (this.#count >= this.max) {
      this.#root = new ShapeNode<T>();
      this.#count = 0;
    }
    // Checked first, so that a document without a shape adds no nodes.
    if (walk(undefined, doc, options, "check") === NO_SHAPE) return;
    const node = walk(this.#root, doc, options, "create");
    if (node === NO_SHAPE || node === undefined) return;
    if (node.kept === undefined) this.#count++;
    node.kept = value;
  }
}

export const NO_SHAPE = Symbol("no shape");

/**
 * A node of the trie. Its first child is kept beside its token and found by comparing tokens
 * (a batch mostly has one shape, so most nodes have one child); any further ones, in a map.
 */
class ShapeNode<T> {
  token: unknown = undefined;
  child: ShapeNode<T> | undefined = undefined;
  more: Map<unknown, ShapeNode<T>> | undefined = undefined;
  kept: T | undefined = undefined;

  /** The child after `token`; `===` is the map's SameValueZero for tokens, which are never NaN. */
  get(token: unknown): ShapeNode<T> | undefined {
    return this.child !== undefined && this.token === token ? this.child : this.more?.get(token);
  }

  add(token: unknown): ShapeNode<T> {
    const node = new ShapeNode<T>();
    if (this.child === undefined) {
      this.token = token;
      this.child = node;
    } else (this.more ??= new Map()).set(token, node);
    return node;
  }
}

const OPEN_OBJECT = Symbol("{");
const OPEN_ARRAY = Symbol("[");
const CLOSE = Symbol("}");
const OPEN_USAGE = Symbol("usage");
const QUANTITY = Symbol("quantity");
const CUSTOMER = Symbol("customer");

/** `find` ends at a missing node, `create` adds the nodes a new shape needs, `check` only checks the document has a shape. */
type WalkMode = "find" | "create" | "check";

/** A cursor down the trie. */
class Walk<T> {
  constructor(
    public node: ShapeNode<T> | undefined,
    private readonly mode: WalkMode,
  ) {}

  /** False once the walk has left the trie. */
  step(token: unknown): boolean {
    if (this.mode === "check") return true;
    const node = this.node;
    if (!node) return false;
    let next = node.get(token);
    if (next === undefined && this.mode === "create") next = node.add(token);
    this.node = next;
    return next !== undefined;
  }
}

function walk<T>(
  root: ShapeNode<T> | undefined,
  doc: UsageDocument,
  options: QuoteOptions,
  mode: WalkMode,
): ShapeNode<T> | undefined | typeof NO_SHAPE {
  const to = new Walk(root, mode);
  if (!to.step(options.explain === true) || !to.step(options.otherModesMeters)) return undefined;
  for (const name in doc) {
    if (!to.step(name)) return undefined;
    const value = (doc as unknown as Record<string, unknown>)[name];
    const went = name === "usage" ? usage(to, value) : name === "customer" ? customer(to, value) : plain(to, value);
    if (went !== true) return went === NO_SHAPE ? NO_SHAPE : undefined;
  }
  return to.node;
}

/** Whether the walk went on (true), left the trie (false), or found what has no shape. */
type Went = boolean | typeof NO_SHAPE;

/** Each meter's id and its value's shape. */
function usage<T>(to: Walk<T>, value: unknown): Went {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return NO_SHAPE;
  if (!to.step(OPEN_USAGE)) return false;
  for (const id in value) {
    if (!to.step(id)) return false;
    const went = meter(to, (value as Record<string, unknown>)[id]);
    if (went !== true) return went;
  }
  return to.step(CLOSE);
}

/**
 * A meter value's shape, as the schema sees it: any number or string is a quantity (the string's
 * digits are read with the meters, each document anew, and one that does not read sends the
 * document to the general evaluator), a list is its length, a map its cells' names and shapes.
 */
function meter<T>(to: Walk<T>, value: unknown): Went {
  if (isQuantity(value)) return to.step(QUANTITY);
  if (typeof value !== "object" || value === null) return NO_SHAPE;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!isQuantity(value[i])) return NO_SHAPE;
    return to.step(OPEN_ARRAY) && to.step(value.length);
  }
  if (!to.step(OPEN_OBJECT)) return false;
  for (const name in value) {
    if (!to.step(name)) return false;
    const went = meter(to, (value as Record<string, unknown>)[name]);
    if (went !== true) return went;
  }
  return to.step(CLOSE);
}

function isQuantity(value: unknown): boolean {
  return typeof value === "string" || isPlainNumber(value);
}

/**
 * A customer id changes nothing in a quote, so every id the schema admits (1 to 200 characters,
 * counted as code points: a string of 1 to 200 UTF-16 units always is) shares one shape; documents
 * of a bill, one per customer, then share frames. Any other value keeps its own, so it passes or
 * fails the schema as the document that made the frame did.
 */
function customer<T>(to: Walk<T>, value: unknown): Went {
  return typeof value === "string" && value.length >= 1 && value.length <= 200 ? to.step(CUSTOMER) : plain(to, value);
}

function isPlainNumber(value: unknown): boolean {
  return typeof value === "number" && Number.isFinite(value) && !Object.is(value, -0);
}

/** Plain data without -0, token by token. */
function plain<T>(to: Walk<T>, value: unknown): Went {
  switch (typeof value) {
    case "string":
    case "boolean":
      return to.step(value);
    case "number":
      return isPlainNumber(value) ? to.step(value) : NO_SHAPE;
    case "object": {
      if (value === null) return to.step(null);
      if (!to.step(Array.isArray(value) ? OPEN_ARRAY : OPEN_OBJECT)) return false;
      for (const name in value) {
        if (!to.step(name)) return false;
        const went = plain(to, (value as Record<string, unknown>)[name]);
        if (went !== true) return went;
      }
      return to.step(CLOSE);
    }
    default:
      return NO_SHAPE;
  }
}
