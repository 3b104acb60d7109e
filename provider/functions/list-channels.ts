import { ListChannelsCommand } from "@aws-sdk/client-chime-sdk-messaging";
import { ARN_RULES } from "./arn-rules";
import type { FunctionDeclaration } from "./function";

/** Every channel of an app instance the caller may see, every page read. */
export const listChannels: FunctionDeclaration = {
    name: "listChannels",
    description:
        "The channels of an app instance, as the caller sees them: the public and restricted ones by default, the " +
        "private ones with `privacy: PRIVATE` (the service lists those to an AppInstanceAdmin only). Every page is read.",
    args: {
        appInstanceArn: { doc: "The app instance's ARN.", required: true, rule: ARN_RULES.appInstance },
        chimeBearer: { doc: "The user or bot ARN to list as.", required: true, rule: ARN_RULES.userOrBot },
        privacy: { doc: "`PUBLIC` (the default) or `PRIVATE`.", values: ["PUBLIC", "PRIVATE"] },
    },
    result: {
        properties: {
            channels: {
                type: "array",
                doc: "The channels, in the order the service lists them.",
                items: {
                    name: "ChannelSummary",
                    doc: "A channel as listChannels answers it.",
                    properties: {
                        arn: "The channel's ARN.",
                        name: "The channel's name.",
                        privacy: "`PUBLIC` or `PRIVATE`.",
                        mode: "`UNRESTRICTED` or `RESTRICTED`.",
                    },
                },
            },
        },
    },
    async run(api, args) {
        const channels: Record<string, unknown>[] = [];
        let NextToken: string | undefined;
        do {
            const command = new ListChannelsCommand({
                AppInstanceArn: args.appInstanceArn as string,
                ChimeBearer: args.chimeBearer as string,
                Privacy: args.privacy as "PUBLIC" | "PRIVATE" | undefined,
                MaxResults: 50,
                NextToken,
            });
            const page = await api.send("messaging", command, args.appInstanceArn as string);
            for (const channel of page.Channels ?? [])
                channels.push({
                    arn: channel.ChannelArn,
                    name: channel.Name,
                    privacy: channel.Privacy,
                    mode: channel.Mode,
                });
            NextToken = page.NextToken;
        } while (NextToken);
        return { channels };
    },
};
