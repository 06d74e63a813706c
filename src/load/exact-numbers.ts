import type { Tags } from "yaml";

const FLOAT = "tag:yaml.org,2002:float";
const INT = "tag:yaml.org,2002:int";

/**
 * YAML tags that keep numbers exact: a decimal or exponent number (12.99, 1e16) is read
 * as its source text, and so is an integer too large for a JavaScript number. Money and
 * usage then reach Decimal without ever being a float. Small integers stay numbers.
 */
export function exactNumberTags(tags: Tags): Tags {
  return tags.map((tag) => {
    // eslint-disable-next-line no-restricted-syntax -- yaml's own tag objects, not document data
    if (typeof tag !== "object" || !("resolve" in tag)) return tag;
    if (tag.tag === FLOAT) return { ...tag, resolve: (source: string) => source };
    if (tag.tag === INT && !tag.format) {
      // eslint-disable-next-line @typescript-eslint/unbound-method -- yaml's resolvers do not use `this`
      const resolve = tag.resolve as (source: string, onError: (message: string) => void, options: object) => unknown;
      return {
        ...tag,
        resolve: (source: string, onError: (message: string) => void, options: object) => {
          const value = resolve(source, onError, options);
          return typeof value === "number" && !Number.isSafeInteger(value) ? source : value;
        },
      };
    }
    return tag;
  }) as Tags;
}
