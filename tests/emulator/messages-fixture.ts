import {
    ChannelMessagePersistenceType,
    ChannelMessageType,
    CreateChannelCommand,
    CreateChannelFlowCommand,
    SendChannelMessageCommand,
    SendChannelMessageCommandInput,
} from "@aws-sdk/client-chime-sdk-messaging";
import { EmulatorFixture } from "../helpers/emulator";
import { createWorld, World } from "../helpers/world";

/**
 * The cast of the message and channel-flow tests: an app instance admin who is not in the channel, the channel's
 * creator (member and moderator), a moderator who is also a member, two plain members and an outsider.
 */
export const CAST = ["admin", "owner", "mod", "alice", "bob", "carol"] as const;
export type Who = (typeof CAST)[number];

export interface ChannelWorld extends World {
    users: Record<Who, string>;
    channelArn: string;
}

export async function createChannelWorld(
    fx: EmulatorFixture,
    opts: { privacy?: "PUBLIC" | "PRIVATE" } = {},
): Promise<ChannelWorld> {
    const world = await createWorld(fx, { users: [...CAST], admins: ["admin"] });
    const users = world.users as Record<Who, string>;
    const channelArn = await createChannel(fx, world, { privacy: opts.privacy });
    return { ...world, users, channelArn };
}

/** A channel created by `owner`, with mod as moderator and member and alice and bob as members. */
export async function createChannel(
    fx: EmulatorFixture,
    world: World,
    opts: { privacy?: "PUBLIC" | "PRIVATE"; name?: string } = {},
): Promise<string> {
    const { ChannelArn } = await fx.messaging.send(
        new CreateChannelCommand({
            AppInstanceArn: world.appInstanceArn,
            Name: opts.name ?? "general",
            Privacy: opts.privacy ?? "PUBLIC",
            ChimeBearer: world.users.owner,
            MemberArns: [world.users.mod, world.users.alice, world.users.bob],
            ModeratorArns: [world.users.mod],
        }),
    );
    return ChannelArn!;
}

export async function sendMessage(
    fx: EmulatorFixture,
    channelArn: string,
    bearer: string,
    content: string,
    extra: Partial<SendChannelMessageCommandInput> = {},
) {
    return fx.messaging.send(
        new SendChannelMessageCommand({
            ChannelArn: channelArn,
            ChimeBearer: bearer,
            Content: content,
            Type: ChannelMessageType.STANDARD,
            Persistence: ChannelMessagePersistenceType.PERSISTENT,
            ...extra,
        }),
    );
}

export const LAMBDA_ARN = "arn:aws:lambda:us-east-1:123456789012:function:profanity-filter";

export function processor(name = "filter", lambdaArn = LAMBDA_ARN) {
    return {
        Name: name,
        Configuration: { Lambda: { ResourceArn: lambdaArn, InvocationType: "ASYNC" as const } },
        ExecutionOrder: 1,
        FallbackAction: "CONTINUE" as const,
    };
}

export async function createFlow(fx: EmulatorFixture, appInstanceArn: string, name = "moderation"): Promise<string> {
    const { ChannelFlowArn } = await fx.messaging.send(
        new CreateChannelFlowCommand({ AppInstanceArn: appInstanceArn, Name: name, Processors: [processor()] }),
    );
    return ChannelFlowArn!;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
