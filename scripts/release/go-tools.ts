import { execFileSync } from "child_process";
import * as path from "path";
import { REPO_ROOT } from "../repo-root";
import { cachedFolder } from "./toolchain-cache";

const MODULE = path.join(REPO_ROOT, "scripts", "release", "tools");

/** The packages of scripts/release/tools (a Go module of its own), by the command's name. */
const PACKAGES = {
    quill: "github.com/anchore/quill/cmd/quill",
    "go-module-proxy": "./go-module-proxy",
} as const;

/** The path of a Go tool of the release build, compiled from the module's pins on first use (Go on PATH). */
export function goTool(name: keyof typeof PACKAGES): string {
    const sources = ["go.mod", "go.sum", "go-module-proxy/main.go"].map((file) => path.join(MODULE, file));
    const dir = cachedFolder("release-tools", sources, (staging) => {
        for (const [command, pkg] of Object.entries(PACKAGES)) {
            execFileSync("go", ["build", "-trimpath", "-o", path.join(staging, command), pkg], {
                cwd: MODULE,
                stdio: ["ignore", "ignore", "inherit"],
                env: { ...process.env, GOFLAGS: "-mod=readonly -buildvcs=false", GOWORK: "off" },
            });
        }
    });
    return path.join(dir, name);
}
