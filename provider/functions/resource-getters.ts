import { resourceOperations } from "../operations";
import { resourceImplementations, ResourceTypeName } from "../resources";
import { ARN_RULES } from "./arn-rules";
import type { ArgumentSpec, FunctionDeclaration } from "./function";

/**
 * A function that reads one resource by its ARN, through the same read as `pulumi refresh`, and answers its
 * properties as the resource's outputs hold them.
 */
function resourceGetter(
    name: string,
    type: ResourceTypeName,
    arn: { doc: string; rule: ArgumentSpec["rule"] },
    readAs?: string,
): FunctionDeclaration {
    const bearer: Record<string, ArgumentSpec> = readAs
        ? { chimeBearer: { doc: readAs, required: true, rule: ARN_RULES.userOrBot } }
        : {};
    return {
        name,
        description: `The ${type} with the given ARN, read as \`pulumi refresh\` reads it: every property it has as a resource.`,
        args: { arn: { doc: arn.doc, required: true, rule: arn.rule }, ...bearer },
        result: { resource: type },
        async run(_api, args) {
            const state = readAs ? { chimeBearer: args.chimeBearer } : {};
            const live = await resourceOperations(resourceImplementations[type]).read(args.arn as string, state);
            if (!live) throw new Error(`${name}: there is no ${type} with the ARN ${args.arn}`);
            return live.props;
        },
    };
}

export const getAppInstance = resourceGetter("getAppInstance", "AppInstance", {
    doc: "The app instance's ARN.",
    rule: ARN_RULES.appInstance,
});

export const getAppInstanceUser = resourceGetter("getAppInstanceUser", "AppInstanceUser", {
    doc: "The user's ARN.",
    rule: ARN_RULES.user,
});

export const getAppInstanceBot = resourceGetter("getAppInstanceBot", "AppInstanceBot", {
    doc: "The bot's ARN.",
    rule: ARN_RULES.bot,
});

export const getChannel = resourceGetter(
    "getChannel",
    "Channel",
    { doc: "The channel's ARN.", rule: ARN_RULES.channel },
    "The user or bot ARN to read the channel as (a member, a moderator or an AppInstanceAdmin).",
);
