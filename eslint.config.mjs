// typescript-eslint's recommended rules, syntax only: `tsc` already type-checks (the package, and the tests with
// `tsc -p tests`), and type-aware linting would cost one more full type-check on every run.
import eslint from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
    {
        ignores: [
            "dist/",
            "node_modules/",
            ".quickstart/",
            ".emulator-data/",
            ".pulumi-state/",
            ".stryker-tmp/",
            "reports/",
        ],
    },
    eslint.configs.recommended,
    tseslint.configs.recommended,
    { languageOptions: { globals: globals.node } },
    {
        rules: {
            // The convention tsc's noUnusedLocals/noUnusedParameters already follow: a leading _ marks a name kept
            // on purpose (a parameter an interface requires, a member left out of a rest destructuring).
            "@typescript-eslint/no-unused-vars": [
                "error",
                { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" },
            ],
            // The serialized __provider loads the installed package when it runs: that must stay a run-time require.
            "@typescript-eslint/no-require-imports": ["error", { allow: ["^pulumi-chime-messaging/provider$"] }],
        },
    },
    // CommonJS scripts: bin/, the end-to-end test stacks, .mocharc.js.
    { files: ["**/*.js"], rules: { "@typescript-eslint/no-require-imports": "off" } },
    {
        // Tests reach into Pulumi SDK internals (untyped modules loaded with require, gRPC clients called by method
        // name) and read provider outputs as loose records; typing those would only restate the SDK.
        files: ["tests/**/*.ts"],
        rules: {
            "@typescript-eslint/no-explicit-any": "off",
            "@typescript-eslint/no-require-imports": "off",
            "@typescript-eslint/no-unsafe-function-type": "off",
        },
    },
);
