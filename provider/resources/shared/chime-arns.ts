import { RequiredString } from "../../schema";

/**
 * ARNs of Chime SDK identity resources, and the rules that tie a resource to its app instance
 * (`arn:aws:chime:<region>:<account>:app-instance/<id>`, users and bots below it).
 */
export interface ArnParts {
    partition: string;
    service: string;
    region: string;
    account: string;
    resource: string;
}

export function parseArn(arn: string): ArnParts | undefined {
    const m = /^arn:([^:]+):([^:]+):([^:]*):([^:]*):(.+)$/.exec(arn);
    if (!m) return undefined;
    const [, partition, service, region, account, resource] = m;
    return { partition, service, region, account, resource };
}

const APP_INSTANCE_RESOURCE = /^app-instance\/[^/]+$/;

export function isAppInstanceArn(arn: string): boolean {
    const parts = parseArn(arn);
    return parts?.service === "chime" && APP_INSTANCE_RESOURCE.test(parts.resource);
}

/** An app instance ARN, as a pattern to build the patterns of the ARNs below it from. */
const APP_INSTANCE_ARN = String.raw`arn:[^:]+:chime:[^:]*:[^:]*:app-instance/[^/]+`;

/** The app instance of `arn` when it is `<app instance ARN>/<kind>/<id>` with a kind of `kinds`. */
function appInstanceOfChild(arn: string, kinds: string): string | undefined {
    return new RegExp(`^(${APP_INSTANCE_ARN})/(?:${kinds})/[^/]+$`).exec(arn)?.[1];
}

/** The app instance a user or bot ARN belongs to, if it names one. */
export function parentAppInstanceArn(arn: string): string | undefined {
    return appInstanceOfChild(arn, "user|bot");
}

/** The app instance of an ARN below one (channel, channel flow, user, bot), if it names one. */
export function appInstanceOfArn(arn: string): string | undefined {
    return appInstanceOfChild(arn, "[^/]+");
}

/** The app instance of a channel ARN, if it is one. */
export function appInstanceOfChannel(arn: string): string | undefined {
    return appInstanceOfChild(arn, "channel");
}

/** The inputs an ARN id below an app instance names, for an import; throws when it is not one. */
export function appInstanceOfId(type: string, id: string): { appInstanceArn: string } {
    const appInstanceArn = appInstanceOfArn(id);
    if (!appInstanceArn) throw new Error(`${type}: an import id must be the ${type} ARN (got ${JSON.stringify(id)})`);
    return { appInstanceArn };
}

/** The rule an ARN's account breaks (AWS accounts are 12 digits), if it breaks it. */
export function accountProblem(arn: string): string | undefined {
    const parts = parseArn(arn);
    if (!parts || /^\d{12}$/.test(parts.account)) return undefined;
    return `must name a 12-digit AWS account, not ${JSON.stringify(parts.account)}`;
}

const CHANNEL_FLOW_RESOURCE = /^app-instance\/[^/]+\/channel-flow\/[^/]+$/;

export function isChannelFlowArn(arn: string): boolean {
    const parts = parseArn(arn);
    return parts?.service === "chime" && CHANNEL_FLOW_RESOURCE.test(parts.resource);
}

/** An `appInstanceArn` input: a Chime ARN (per the API model) that names an app instance. */
export function appInstanceArnProperty(member: string, service: "identity" | "messaging" = "identity"): RequiredString {
    return {
        change: "replace",
        required: true,
        shape: { service, member },
        validate: (value) => {
            if (typeof value !== "string") return undefined;
            if (!isAppInstanceArn(value))
                return "must be an app instance ARN (arn:aws:chime:<region>:<account>:app-instance/<id>)";
            return accountProblem(value);
        },
    };
}
