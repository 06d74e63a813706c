import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The folder ratecard is installed in (or checked out to): the nearest one above this module
 * holding a package.json. The module may be in src/, dist/ or the CLI's bundle in
 * dist/cli-bundle/, so no fixed number of `..` would do. Rules, schemas and built files ship
 * under it.
 */
export const PACKAGE_ROOT = packageRoot(dirname(fileURLToPath(import.meta.url)));

function packageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) return join(from, "..");
  }
}
