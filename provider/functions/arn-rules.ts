import { REGION_PATTERN } from "../request-region";
import { isAppInstanceArn, parentAppInstanceArn, parseArn } from "../resources/shared/chime-arns";
import type { ArgumentSpec } from "./function";

/** The ARN forms the functions take, each with the rule an error names. */
const under = (kind: string) => (arn: string) =>
    new RegExp(`^arn:[^:]+:chime:[^:]+:\\d{12}:app-instance/[^/]+/${kind}/[^/]+$`).test(arn);

export const ARN_RULES = {
    appInstance: {
        test: (arn: string) => isAppInstanceArn(arn) && /^\d{12}$/.test(parseArn(arn)!.account),
        says: "an app instance ARN (arn:aws:chime:<region>:<account>:app-instance/<id>)",
    },
    user: { test: under("user"), says: "an app instance user ARN (<app instance ARN>/user/<id>)" },
    bot: { test: under("bot"), says: "an app instance bot ARN (<app instance ARN>/bot/<id>)" },
    userOrBot: {
        test: (arn: string) => parentAppInstanceArn(arn) !== undefined,
        says: "an app instance user or bot ARN (<app instance ARN>/user/<id> or /bot/<id>)",
    },
    channel: { test: under("channel"), says: "a channel ARN (<app instance ARN>/channel/<id>)" },
} satisfies Record<string, ArgumentSpec["rule"]>;

export const REGION_RULE: ArgumentSpec["rule"] = {
    test: (region) => REGION_PATTERN.test(region),
    says: "an AWS Region code such as eu-central-1",
};
