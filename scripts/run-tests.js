#!/usr/bin/env node
// Runs every compiled test file (dist/tests/**/*.test.js) with Node's test runner.
// Usage: node scripts/run-tests.js [substring filter ...]
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..", "dist", "tests");
const filters = process.argv.slice(2);
const files = [];
(function walk(dir) {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith(".test.js")) files.push(full);
    }
})(root);
const selected = files.filter((f) => filters.length === 0 || filters.some((s) => f.includes(s))).sort();
if (selected.length === 0) {
    console.error(`no test files found under ${root}${filters.length ? ` matching ${filters.join(", ")}` : ""}`);
    process.exit(1);
}
const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" };
const result = spawnSync(process.execPath, ["--test", "--test-reporter=spec", ...selected], { stdio: "inherit", env });
process.exit(result.status ?? 1);
