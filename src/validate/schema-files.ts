import { join } from "node:path";
import { PACKAGE_ROOT } from "../package-root.js";

/** The schemas folder ships beside src/ and dist/. */
export const SCHEMAS_DIR = join(PACKAGE_ROOT, "schemas");
