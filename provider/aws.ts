import { ChimeSDKMessagingClient } from "@aws-sdk/client-chime-sdk-messaging";
import { ChimeSDKIdentityClient } from "@aws-sdk/client-chime-sdk-identity";
import { LambdaClient } from "@aws-sdk/client-lambda";

/**
 * AWS clients for the providers. Region, credentials and endpoint come from the standard AWS sources
 * (environment, shared config and profiles, AWS_ENDPOINT_URL), overridden by the stack's `aws:region` and
 * `aws:profile` where set, so a stack that also uses pulumi-aws configures both the same way (the native plugin:
 * by its own provider configuration, see serving/native/configuration.ts). Nothing here is ever written to the
 * state.
 */
export interface AwsSettings {
    region?: string;
    profile?: string;
    /** An endpoint for every client instead of AWS's (the emulator's, for instance). */
    endpoint?: string;
}

let settings: AwsSettings = {};
const cache = new Map<string, AwsClients>();
let cacheKey: string | undefined;

export interface AwsClients {
    messaging: ChimeSDKMessagingClient;
    identity: ChimeSDKIdentityClient;
    lambda: LambdaClient;
}

/** Called from the provider's configure with the stack configuration. */
export function applyStackConfig(config: { get(key: string): string | undefined }): void {
    settings = { region: config.get("aws:region") || undefined, profile: config.get("aws:profile") || undefined };
}

/** Called from the native plugin's configure with the provider's configuration. */
export function applySettings(configured: AwsSettings): void {
    settings = { ...configured };
}

export function currentSettings(): AwsSettings {
    return settings;
}

/** The region calls go to when nothing names one: the configured region, or the AWS SDK's default. */
export async function configuredRegion(): Promise<string> {
    return awsClients().identity.config.region();
}

const DEFAULT_MAX_ATTEMPTS = 8;

/** The AWS services the providers call, by the name of their client. */
export type AwsService = keyof AwsClients;

/**
 * The clients for a region (an ARN's, or a resource's declared region), or for the configured region when none is
 * given. Clients are kept per region and made anew when the settings or the environment they read change.
 */
export function awsClients(region?: string): AwsClients {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
    const key = JSON.stringify([
        settings,
        process.env.AWS_ENDPOINT_URL,
        process.env.AWS_REGION,
        process.env.AWS_MAX_ATTEMPTS,
    ]);
    if (cacheKey !== key) {
        for (const clients of cache.values()) {
            clients.messaging.destroy();
            clients.identity.destroy();
            clients.lambda.destroy();
        }
        cache.clear();
        cacheKey = key;
    }
    const regionKey = region ?? "";
    let clients = cache.get(regionKey);
    if (!clients) {
        const chosenRegion = region ?? settings.region;
        const config = {
            ...(chosenRegion ? { region: chosenRegion } : {}),
            ...(settings.profile ? { profile: settings.profile } : {}),
            ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
            maxAttempts: Number(process.env.AWS_MAX_ATTEMPTS) || DEFAULT_MAX_ATTEMPTS,
        };
        clients = {
            messaging: new ChimeSDKMessagingClient(config),
            identity: new ChimeSDKIdentityClient(config),
            lambda: new LambdaClient(config),
        };
        cache.set(regionKey, clients);
    }
    return clients;
}
