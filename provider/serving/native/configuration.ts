import { REGION_PATTERN } from "../../request-region";
import { applySettings, AwsSettings } from "../../aws";
import { PACKAGE_NAME } from "./tokens";

/**
 * The native plugin's configuration: the stack config `chime-messaging:region` (and `:profile`, `:endpoint`) for
 * the default provider, or the arguments of an explicit provider resource, so that one program can manage app
 * instances in two regions or accounts through two providers. Whatever is not set falls back to the standard AWS
 * sources (AWS_REGION, AWS_PROFILE, AWS_ENDPOINT_URL, shared config files). Credentials are never configuration
 * here: they come from the profile or the environment, so they never reach the state.
 */
export const PROVIDER_CONFIG: Record<keyof AwsSettings, string> = {
    region:
        "The AWS region the provider's calls go to (e.g. `eu-central-1`); by default the AWS SDK's (AWS_REGION, the profile's). " +
        "Moving a provider to another region replaces its resources.",
    profile:
        "The AWS shared-config profile whose credentials and settings the calls use; by default AWS_PROFILE or `default`.",
    endpoint:
        "An endpoint for every call instead of AWS's, e.g. the local emulator's `http://127.0.0.1:4566`; by default AWS_ENDPOINT_URL.",
};

export type ConfigFailure = { property: string; reason: string };

/** The settings in a provider's arguments (or the stack's `chime-messaging:*` variables), checked. */
export function checkConfig(args: Record<string, unknown>): { settings: AwsSettings; failures: ConfigFailure[] } {
    const settings: AwsSettings = {};
    const failures: ConfigFailure[] = [];
    for (const key of Object.keys(PROVIDER_CONFIG) as (keyof AwsSettings)[]) {
        const value = args[key];
        if (value === undefined || value === null || value === "") continue;
        if (typeof value !== "string") {
            failures.push({ property: key, reason: `${key} must be a string (got ${JSON.stringify(value)})` });
            continue;
        }
        settings[key] = value;
    }
    if (settings.region && !REGION_PATTERN.test(settings.region)) {
        failures.push({
            property: "region",
            reason: `region must be an AWS region such as us-east-1 (got ${JSON.stringify(settings.region)}); set it with \`pulumi config set ${PACKAGE_NAME}:region <region>\``,
        });
    }
    if (settings.endpoint && !/^https?:\/\/[^\s/]+/.test(settings.endpoint)) {
        failures.push({
            property: "endpoint",
            reason: `endpoint must be an http(s) URL (got ${JSON.stringify(settings.endpoint)})`,
        });
    }
    return { settings, failures };
}

/**
 * The provider's settings from a Configure request: the explicit arguments, else the stack's variables
 * (`chime-messaging:config:region` or `chime-messaging:region`).
 */
export function configuredSettings(args: Record<string, unknown>, variables: Record<string, string>): AwsSettings {
    const fromVariables: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(variables)) {
        const match = new RegExp(`^${PACKAGE_NAME}:(?:config:)?(\\w+)$`).exec(key);
        if (match) fromVariables[match[1]] = value;
    }
    const { settings, failures } = checkConfig({ ...fromVariables, ...args });
    if (failures.length > 0) throw new Error(failures.map((f) => f.reason).join("; "));
    return settings;
}

export function configure(args: Record<string, unknown>, variables: Record<string, string>): void {
    applySettings(configuredSettings(args, variables));
}

/**
 * Moving a provider from one region to another replaces its resources (they live in the old one); setting a
 * region where there was none (the default's) and the other settings update it.
 */
export function diffConfig(
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
): { changed: string[]; replaces: string[] } {
    const changed = Object.keys(PROVIDER_CONFIG).filter((key) => (olds[key] ?? "") !== (news[key] ?? ""));
    const moved = changed.includes("region") && Boolean(olds.region) && Boolean(news.region);
    return { changed, replaces: moved ? ["region"] : [] };
}
