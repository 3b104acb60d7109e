// mocha runs the TypeScript test files directly through ts-node: nothing is compiled for the tests.
// ts-node only transpiles (fast); `npm run lint` type-checks the tests with `tsc -p tests` (noEmit).
// The package itself is built first (`npm test` runs `npm run build`): the end-to-end and provider-host tests
// load it as a user's project would, through node_modules/pulumi-chime-messaging -> dist/.
//
// `npm test` runs every tests/**/*.test.ts; `npx mocha tests/provider/channel.test.ts ...` runs only the files
// given (mocha would otherwise add them to `spec` rather than use them instead); `--grep <words>` filters by title.
"use strict";

const filesGiven = process.argv.slice(2).some((arg) => /\.test\.ts$/.test(arg));

module.exports = {
    spec: filesGiven ? [] : ["tests/**/*.test.ts"],
    extension: ["ts"],
    require: ["ts-node/register/transpile-only", "tests/helpers/mocha-setup.ts"],
    reporter: "spec",
    // End-to-end tests run the Pulumi CLI (`up`, `preview`, `destroy`) in their hooks and tests: minutes, not seconds.
    timeout: 600000,
    slow: 5000,
    // A failed test can leave a handle open (a provider host's pipe, a server): mocha then ends the run itself
    // instead of waiting for it; the root hook in tests/helpers/mocha-setup.ts has stopped its processes by then.
    exit: true,
    // In CI a skipped test fails the run: a test that cannot run there is a defect, not a pass.
    forbidPending: Boolean(process.env.CI),
};
