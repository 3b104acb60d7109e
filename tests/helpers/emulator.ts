import assert from "node:assert/strict";
import { ChimeSDKMessagingClient } from "@aws-sdk/client-chime-sdk-messaging";
import { ChimeSDKIdentityClient } from "@aws-sdk/client-chime-sdk-identity";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { EmulatorOptions, RunningEmulator, startEmulator } from "../../emulator";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

export const TEST_REGION = "us-east-1";
export const TEST_ACCOUNT = "123456789012";

/** A running emulator and the real AWS SDK clients pointed at it (no retries, so a test sees each answer). */
export interface EmulatorFixture {
    emulator: RunningEmulator;
    url: string;
    messaging: ChimeSDKMessagingClient;
    identity: ChimeSDKIdentityClient;
    lambda: LambdaClient;
    close(): Promise<void>;
}

export function clientConfig(url: string, maxAttempts = 1) {
    return {
        endpoint: url,
        region: TEST_REGION,
        credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
        maxAttempts,
    };
}

export async function startFixture(options: EmulatorOptions = {}, maxAttempts = 1): Promise<EmulatorFixture> {
    const emulator = await startEmulator(options);
    const config = clientConfig(emulator.url, maxAttempts);
    const messaging = new ChimeSDKMessagingClient(config);
    const identity = new ChimeSDKIdentityClient(config);
    const lambda = new LambdaClient(config);
    return {
        emulator,
        url: emulator.url,
        messaging,
        identity,
        lambda,
        async close() {
            messaging.destroy();
            identity.destroy();
            lambda.destroy();
            await emulator.close();
        },
    };
}

/** Runs `fn` and returns the error it throws; fails when it does not throw. */
export async function errorOf(
    fn: () => Promise<unknown>,
): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
    try {
        await fn();
    } catch (error) {
        return error as Error & { $metadata?: { httpStatusCode?: number } };
    }
    throw new Error("expected the call to fail, but it succeeded");
}

/** Asserts that a call failed the way a connection closed without an answer fails in the SDK. */
export function assertConnectionClosed(error: Error & { $metadata?: { httpStatusCode?: number } }): void {
    const code = (error as { code?: string }).code;
    assert.ok(
        code === "ECONNRESET" || /socket hang up/i.test(error.message),
        `expected a connection reset, got ${error.name}: ${error.message}`,
    );
    assert.equal(error.$metadata?.httpStatusCode, undefined, "there was no HTTP answer");
}
