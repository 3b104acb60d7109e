import { packageRoot } from "../smithy/package-files";

/** The repository root (from scripts/ or dist/scripts/). */
export const REPO_ROOT = packageRoot();
