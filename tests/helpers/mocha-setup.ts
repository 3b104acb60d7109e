/**
 * Loaded by mocha before any test file (.mocharc.yml `require`). On Node 20 the AWS SDK prints a
 * NodeVersionSupportWarning from every process that creates a client; the suite runs on Node 20 as its oldest
 * supported toolchain, so the warning is silenced here rather than repeated in every test's output.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
