#!/usr/bin/env node
"use strict";
let cli;
try {
    cli = require("../dist/cli/preview-report/main.js");
} catch (error) {
    if (
        error &&
        error.code === "MODULE_NOT_FOUND" &&
        String(error.message).includes("dist/cli/preview-report/main.js")
    ) {
        process.stderr.write("chime-preview-report: not built yet; run `npm run build` first.\n");
        process.exit(1);
    }
    throw error;
}
cli.main(process.argv.slice(2));
